import { Format } from '../catalogue/catalogue.enums';
import { JobFamily } from '../persona/persona.enums';

/*
 * The demo personae: 8 jobs per family (every title of shared DEMO_JOB_TITLES among them), each
 * in the medicine industry and in the medical-device industry (seed C: the academy will open to
 * medical devices), plus a few cross-industry ones: ~150 personae. ROME codes (France Travail) and
 * ISCO-08 groups are the closest ones for each job.
 */
export interface DemoJob {
  title: string;
  rome: string;
  isco: string;
  aliases?: string[];
}

export interface DemoFamily {
  family: JobFamily;
  /** Domain codes, most relevant first: the first two are the persona's core domains. */
  domains: string[];
  constraints: { maxSessionMinutes: number; needsFlexibility: boolean; preferredFormats: Format[] };
  jobs: DemoJob[];
}

const { E_LEARNING, VIRTUAL_CLASS, IN_PERSON, BLENDED } = Format;

export const DEMO_FAMILIES: DemoFamily[] = [
  {
    family: JobFamily.RESEARCH,
    domains: ['DATA-AI', 'DATA-HEALTH', 'DATA-RWD', 'CUL-DTX', 'CUL-ETHIQUE'],
    constraints: { maxSessionMinutes: 420, needsFlexibility: false, preferredFormats: [IN_PERSON, BLENDED] },
    jobs: [
      { title: 'Chercheur', rome: 'K2402', isco: '2131', aliases: ['Chercheuse', 'Chercheur en biologie'] },
      { title: 'Responsable de laboratoire de recherche', rome: 'H1206', isco: '1223' },
      { title: 'Ingénieur de recherche en bioinformatique', rome: 'K2402', isco: '2131', aliases: ['Bioinformaticien'] },
      { title: 'Chimiste médicinal', rome: 'K2402', isco: '2113' },
      { title: 'Pharmacologue', rome: 'K2402', isco: '2131' },
      { title: 'Technicien de recherche', rome: 'H1210', isco: '3141' },
      { title: 'Chef de projet recherche translationnelle', rome: 'H1206', isco: '1223' },
      { title: 'Directeur de la recherche', rome: 'H1206', isco: '1223', aliases: ['Directeur R&D'] },
    ],
  },
  {
    family: JobFamily.CLINICAL,
    domains: ['JOB-CLIN', 'DATA-RWD', 'LEG-GDPR', 'DATA-HEALTH', 'CUL-DTX'],
    constraints: { maxSessionMinutes: 240, needsFlexibility: true, preferredFormats: [E_LEARNING, VIRTUAL_CLASS] },
    jobs: [
      { title: 'Attaché de recherche clinique', rome: 'H1206', isco: '2131', aliases: ['ARC', 'Attachée de recherche clinique'] },
      { title: 'Biostatisticien', rome: 'M1403', isco: '2120', aliases: ['Biostatisticienne', 'Statisticien'] },
      { title: 'Chef de projet clinique', rome: 'H1206', isco: '1223' },
      { title: 'Data manager clinique', rome: 'M1403', isco: '2521' },
      { title: 'Médecin hospitalier', rome: 'J1102', isco: '2212', aliases: ['Médecin investigateur'] },
      { title: 'Responsable des opérations cliniques', rome: 'H1206', isco: '1223' },
      { title: 'Coordinateur d’études cliniques', rome: 'J1506', isco: '3259' },
      { title: 'Épidémiologiste', rome: 'M1403', isco: '2131' },
    ],
  },
  {
    family: JobFamily.REGULATORY,
    domains: ['LEG-MDR', 'LEG-GDPR', 'LEG-ACCESS', 'CUL-DTX', 'DATA-CYBER'],
    constraints: { maxSessionMinutes: 420, needsFlexibility: false, preferredFormats: [VIRTUAL_CLASS, IN_PERSON] },
    jobs: [
      { title: 'Pharmacien affaires réglementaires', rome: 'J1202', isco: '2262', aliases: ['Chargé d’affaires réglementaires'] },
      { title: 'Responsable qualité', rome: 'H1502', isco: '2141', aliases: ['Responsable assurance qualité'] },
      { title: 'Directeur des affaires réglementaires', rome: 'J1202', isco: '1213' },
      { title: 'Auditeur qualité', rome: 'H1502', isco: '2141' },
      { title: 'Pharmacien responsable', rome: 'J1202', isco: '2262' },
      { title: 'Responsable conformité', rome: 'K1903', isco: '2619', aliases: ['Compliance officer'] },
      { title: 'Spécialiste validation des systèmes informatisés', rome: 'H1502', isco: '2529' },
      { title: 'Chargé de la matériovigilance', rome: 'J1202', isco: '2262' },
    ],
  },
  {
    family: JobFamily.MEDICAL_AFFAIRS,
    domains: ['JOB-MED', 'DATA-RWD', 'CUL-DTX', 'LEG-GDPR', 'DATA-AI'],
    constraints: { maxSessionMinutes: 240, needsFlexibility: true, preferredFormats: [E_LEARNING, VIRTUAL_CLASS] },
    jobs: [
      { title: 'Responsable affaires médicales', rome: 'J1202', isco: '2262', aliases: ['Directeur médical'] },
      { title: 'Responsable pharmacovigilance', rome: 'J1202', isco: '2262', aliases: ['Pharmacovigilant'] },
      { title: 'Medical science liaison', rome: 'J1202', isco: '2262', aliases: ['MSL'] },
      { title: 'Chargé d’information médicale', rome: 'J1202', isco: '2262' },
      { title: 'Rédacteur médical', rome: 'E1106', isco: '2641' },
      { title: 'Responsable de la veille scientifique', rome: 'K2402', isco: '2131' },
      { title: 'Médecin conseil', rome: 'J1102', isco: '2212' },
      { title: 'Chef de projet éducation thérapeutique', rome: 'J1506', isco: '2269' },
    ],
  },
  {
    family: JobFamily.MARKET_ACCESS,
    domains: ['LEG-ACCESS', 'DATA-RWD', 'DATA-HEALTH', 'CUL-ECOSYS', 'CUL-DTX'],
    constraints: { maxSessionMinutes: 420, needsFlexibility: false, preferredFormats: [VIRTUAL_CLASS, BLENDED] },
    jobs: [
      { title: 'Market access manager', rome: 'M1707', isco: '1221', aliases: ['Responsable accès au marché'] },
      { title: 'Économiste de la santé', rome: 'M1403', isco: '2631', aliases: ['Médico-économiste'] },
      { title: 'Responsable des affaires publiques', rome: 'M1707', isco: '2432' },
      { title: 'Chargé de prix et remboursement', rome: 'M1707', isco: '2631' },
      { title: 'Directeur de l’accès au marché', rome: 'M1707', isco: '1221' },
      { title: 'Key account manager hôpital', rome: 'D1402', isco: '2433' },
      { title: 'Chargé d’études HEOR', rome: 'M1403', isco: '2631' },
      { title: 'Responsable des relations avec les payeurs', rome: 'D1402', isco: '1221' },
    ],
  },
  {
    family: JobFamily.SALES,
    domains: ['JOB-MKT', 'CUL-ECOSYS', 'CUL-TRANSFO', 'LEG-GDPR', 'CUL-DTX'],
    constraints: { maxSessionMinutes: 120, needsFlexibility: true, preferredFormats: [E_LEARNING] },
    jobs: [
      { title: 'Délégué médical', rome: 'D1407', isco: '2433', aliases: ['Visiteur médical', 'Déléguée médicale'] },
      { title: 'Chef de produit', rome: 'M1705', isco: '2431', aliases: ['Product manager'] },
      { title: 'Responsable marketing digital', rome: 'M1705', isco: '2431' },
      { title: 'Directeur commercial', rome: 'D1406', isco: '1221' },
      { title: 'Responsable excellence omnicanale', rome: 'M1705', isco: '2431' },
      { title: 'Directeur régional des ventes', rome: 'D1406', isco: '1221' },
      { title: 'Chargé de communication scientifique', rome: 'E1103', isco: '2432' },
      { title: 'Ingénieur technico-commercial', rome: 'D1407', isco: '2433' },
    ],
  },
  {
    family: JobFamily.MANUFACTURING,
    domains: ['JOB-PROD', 'DATA-AI', 'DATA-CYBER', 'JOB-MGMT', 'CUL-TRANSFO'],
    constraints: { maxSessionMinutes: 240, needsFlexibility: true, preferredFormats: [BLENDED, IN_PERSON] },
    jobs: [
      { title: 'Ingénieur biomédical', rome: 'H1206', isco: '2149', aliases: ['Ingénieure biomédicale'] },
      { title: 'Responsable de production', rome: 'H2502', isco: '1321' },
      { title: 'Ingénieur procédés', rome: 'H1404', isco: '2145' },
      { title: 'Technicien de maintenance', rome: 'I1304', isco: '3115' },
      { title: 'Responsable supply chain', rome: 'N1301', isco: '1324' },
      { title: 'Opérateur de production pharmaceutique', rome: 'H2301', isco: '8131' },
      { title: 'Directeur d’usine', rome: 'H2502', isco: '1321' },
      { title: 'Ingénieur automatisme', rome: 'H1208', isco: '2151' },
    ],
  },
  {
    family: JobFamily.DATA_IT,
    domains: ['DATA-AI', 'DATA-INTEROP', 'DATA-HEALTH', 'DATA-CYBER', 'LEG-GDPR'],
    constraints: { maxSessionMinutes: 420, needsFlexibility: false, preferredFormats: [VIRTUAL_CLASS, E_LEARNING] },
    jobs: [
      { title: 'Data scientist', rome: 'M1403', isco: '2120', aliases: ['Data scientiste', 'Scientifique des données'] },
      { title: 'Data steward', rome: 'M1806', isco: '2521', aliases: ['Gestionnaire de données'] },
      { title: 'Chef de projet données de santé', rome: 'M1806', isco: '2511' },
      { title: 'Directeur des systèmes d’information', rome: 'M1803', isco: '1330', aliases: ['DSI'] },
      { title: 'Product manager e-santé', rome: 'M1806', isco: '2511', aliases: ['Chef de produit numérique'] },
      { title: 'Architecte des systèmes d’information', rome: 'M1802', isco: '2511' },
      { title: 'Ingénieur data', rome: 'M1805', isco: '2521', aliases: ['Data engineer'] },
      { title: 'Responsable de la sécurité des systèmes d’information', rome: 'M1802', isco: '2529', aliases: ['RSSI'] },
    ],
  },
  {
    family: JobFamily.SUPPORT,
    domains: ['JOB-MGMT', 'LEG-GDPR', 'CUL-TRANSFO', 'CUL-ETHIQUE', 'CUL-ECOSYS'],
    constraints: { maxSessionMinutes: 240, needsFlexibility: true, preferredFormats: [E_LEARNING, VIRTUAL_CLASS] },
    jobs: [
      { title: 'DPO (délégué à la protection des données)', rome: 'K1903', isco: '2619', aliases: ['Délégué à la protection des données', 'DPO'] },
      { title: 'Responsable formation', rome: 'M1502', isco: '2424', aliases: ['Responsable du développement des compétences'] },
      { title: 'Juriste santé numérique', rome: 'K1903', isco: '2611', aliases: ['Juriste'] },
      { title: 'Directeur des ressources humaines', rome: 'M1503', isco: '1212', aliases: ['DRH'] },
      { title: 'Contrôleur de gestion', rome: 'M1204', isco: '2411' },
      { title: 'Responsable de la transformation numérique', rome: 'M1402', isco: '2421', aliases: ['Chief digital officer'] },
      { title: 'Responsable des achats', rome: 'M1101', isco: '1219' },
      { title: 'Directeur général', rome: 'M1302', isco: '1120' },
    ],
  },
];

/** The industries each job exists in; the first keeps the plain title (so demo job titles match exactly). */
export const DEMO_INDUSTRIES = [
  { key: 'MED', suffix: '' },
  { key: 'DM', suffix: ' (dispositifs médicaux)' },
] as const;

/** Cross-industry personae, on top of the family x industry grid. */
export const EXTRA_JOBS: (DemoJob & { family: JobFamily })[] = [
  { family: JobFamily.DATA_IT, title: 'Responsable de l’entrepôt de données de santé', rome: 'M1806', isco: '2521' },
  { family: JobFamily.CLINICAL, title: 'Infirmier de recherche clinique', rome: 'J1506', isco: '2221' },
  { family: JobFamily.REGULATORY, title: 'Consultant réglementaire e-santé', rome: 'M1402', isco: '2421' },
  { family: JobFamily.SUPPORT, title: 'Ingénieur pédagogique', rome: 'K2111', isco: '2356' },
  { family: JobFamily.MARKET_ACCESS, title: 'Chargé de partenariats institutionnels', rome: 'M1707', isco: '2432' },
  { family: JobFamily.RESEARCH, title: 'Responsable de l’innovation ouverte', rome: 'M1402', isco: '1223' },
];
