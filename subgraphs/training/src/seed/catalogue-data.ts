/*
 * The demo catalogue of the Académie du Digital en Santé (seed C): 4 categories, 17 thematic
 * domains, modules "from acculturation to expert". Titles are ours; the structure is the seed's.
 * Within a domain, module n is at level n (acculturation, foundation, advanced, expert).
 */

/** Keys of the academy's training partners in `demoOrganizations()`. */
export const ADS_PARTNERS = [
  'isip',
  'digilian',
  'uclille-law',
  'ifis-interactive',
  'ifis-pharma',
  'telecom-paris',
  'em-produits-de-sante',
] as const;
export type AdsPartner = (typeof ADS_PARTNERS)[number];

export interface DemoDomain {
  code: string;
  title: string;
  /** The title in English (facet labels in EN). */
  titleEn: string;
  /** Partners that deliver this domain's modules; the first delivers every one. */
  partners: AdsPartner[];
  /** Module titles, by increasing level (3 or 4). */
  modules: string[];
}

export interface DemoCategory {
  code: string;
  title: string;
  domains: DemoDomain[];
}

export const DEMO_CATALOGUE: DemoCategory[] = [
  {
    code: 'CULTURE',
    title: 'Culture et enjeux du numérique en santé',
    domains: [
      {
        code: 'CUL-TRANSFO',
        title: 'Transformation numérique de la santé',
        titleEn: 'Digital transformation of health',
        partners: ['digilian', 'ifis-interactive'],
        modules: [
          'Le numérique en santé : comprendre la transformation en cours',
          'Feuille de route du numérique en santé et Ma santé 2022',
          'Piloter un projet de transformation numérique en entreprise du médicament',
          'Stratégie numérique d’une entreprise de santé',
        ],
      },
      {
        code: 'CUL-ECOSYS',
        title: 'Écosystème et acteurs de la e-santé',
        titleEn: 'The e-health ecosystem and its players',
        partners: ['em-produits-de-sante', 'digilian'],
        modules: [
          'Panorama des acteurs de la e-santé : start-up, GAFAM, institutions',
          'Travailler avec les start-up : partenariats et open innovation',
          'Construire une alliance industrie - start-up de la santé numérique',
        ],
      },
      {
        code: 'CUL-ETHIQUE',
        title: 'Éthique et confiance numérique',
        titleEn: 'Ethics and digital trust',
        partners: ['uclille-law'],
        modules: [
          'Éthique du numérique en santé : les fondamentaux',
          'Éthique de l’IA en santé et garantie humaine',
          'Concevoir un comité d’éthique des données et de l’IA',
        ],
      },
      {
        code: 'CUL-DTX',
        title: 'Santé connectée et thérapies numériques',
        titleEn: 'Connected health and digital therapeutics',
        partners: ['ifis-interactive', 'telecom-paris'],
        modules: [
          'Objets connectés, applications et thérapies numériques (DTx)',
          'Biomarqueurs numériques : principes et usages',
          'Développer une thérapie numérique avec un partenaire',
          'Évaluer le bénéfice clinique d’une thérapie numérique',
        ],
      },
    ],
  },
  {
    code: 'DATA',
    title: 'Données et intelligence artificielle',
    domains: [
      {
        code: 'DATA-HEALTH',
        title: 'Données de santé et Health Data Hub',
        titleEn: 'Health data and the Health Data Hub',
        partners: ['telecom-paris', 'ifis-pharma'],
        modules: [
          'Les données de santé : typologie, sources et valeur',
          'Le SNDS et le Health Data Hub : accéder aux données',
          'Mener une étude sur les données du SNDS',
          'Concevoir un entrepôt de données de santé',
        ],
      },
      {
        code: 'DATA-RWD',
        title: 'Données de vie réelle',
        titleEn: 'Real-world data',
        partners: ['ifis-pharma', 'telecom-paris'],
        modules: [
          'Données de vie réelle : de quoi parle-t-on ?',
          'Concevoir une étude en vie réelle',
          'Méthodes statistiques pour les données de vie réelle',
          'Générer des preuves en vie réelle pour l’accès au marché',
        ],
      },
      {
        code: 'DATA-AI',
        title: 'Intelligence artificielle et apprentissage automatique',
        titleEn: 'Artificial intelligence and machine learning',
        partners: ['telecom-paris'],
        modules: [
          'L’intelligence artificielle expliquée aux métiers de la santé',
          'Apprentissage automatique : les bases pour les projets santé',
          'Deep learning et imagerie médicale',
          'Industrialiser et surveiller un modèle d’IA en santé',
        ],
      },
      {
        code: 'DATA-INTEROP',
        title: 'Interopérabilité et standards',
        titleEn: 'Interoperability and standards',
        partners: ['telecom-paris', 'digilian'],
        modules: [
          'Pourquoi l’interopérabilité ? Référentiels et doctrine du numérique en santé',
          'FHIR, HL7 et terminologies de santé',
          'Le modèle OMOP et les réseaux de données européens',
        ],
      },
      {
        code: 'DATA-CYBER',
        title: 'Cybersécurité',
        titleEn: 'Cybersecurity',
        partners: ['telecom-paris'],
        modules: [
          'Cyber-hygiène pour tous les collaborateurs',
          'Hébergement de données de santé (HDS) et sécurité des systèmes',
          'Gérer un incident de cybersécurité',
        ],
      },
    ],
  },
  {
    code: 'LEGAL',
    title: 'Cadre juridique et réglementaire',
    domains: [
      {
        code: 'LEG-GDPR',
        title: 'Protection des données de santé (RGPD)',
        titleEn: 'Health data protection (GDPR)',
        partners: ['uclille-law'],
        modules: [
          'RGPD et données de santé : l’essentiel',
          'Méthodologies de référence et autorisations CNIL',
          'Conduire une analyse d’impact (AIPD) sur un traitement de santé',
          'Le délégué à la protection des données dans l’industrie de santé',
        ],
      },
      {
        code: 'LEG-MDR',
        title: 'Réglementation des dispositifs médicaux numériques',
        titleEn: 'Regulation of digital medical devices',
        partners: ['uclille-law', 'em-produits-de-sante'],
        modules: [
          'Logiciel dispositif médical : qualification et classe',
          'Marquage CE selon le règlement MDR',
          'Évaluation clinique et surveillance après commercialisation d’un DM numérique',
        ],
      },
      {
        code: 'LEG-ACCESS',
        title: 'Accès au marché et remboursement du numérique',
        titleEn: 'Market access and reimbursement of digital health',
        partners: ['em-produits-de-sante', 'ifis-pharma'],
        modules: [
          'Le parcours d’accès au marché d’une solution numérique',
          'PECAN, LPPR et télésurveillance : les voies de remboursement',
          'Construire un dossier médico-économique pour la HAS',
          'Négocier le prix d’une solution numérique',
        ],
      },
    ],
  },
  {
    code: 'JOBS',
    title: 'Les métiers transformés par le numérique',
    domains: [
      {
        code: 'JOB-CLIN',
        title: 'Recherche clinique digitale',
        titleEn: 'Digital clinical research',
        partners: ['ifis-pharma', 'isip'],
        modules: [
          'Le numérique dans la recherche clinique',
          'Essais cliniques décentralisés : organisation et outils',
          'eCOA, ePRO et consentement électronique',
          'Concevoir un essai décentralisé de bout en bout',
        ],
      },
      {
        code: 'JOB-MKT',
        title: 'Marketing et relation client omnicanal',
        titleEn: 'Omnichannel marketing and customer relations',
        partners: ['ifis-interactive', 'em-produits-de-sante'],
        modules: [
          'Le marketing digital dans l’industrie du médicament',
          'Stratégie omnicanale et relation avec les professionnels de santé',
          'Mesurer la performance d’une campagne omnicanale',
        ],
      },
      {
        code: 'JOB-PROD',
        title: 'Production et industrie 4.0',
        titleEn: 'Production and Industry 4.0',
        partners: ['isip', 'telecom-paris'],
        modules: [
          'L’industrie 4.0 dans la production pharmaceutique',
          'Jumeau numérique d’un procédé de production',
          'Maintenance prédictive et qualité des données de production',
          'Piloter une usine pharmaceutique connectée',
        ],
      },
      {
        code: 'JOB-MED',
        title: 'Affaires médicales et pharmacovigilance digitales',
        titleEn: 'Digital medical affairs and pharmacovigilance',
        partners: ['isip', 'ifis-pharma'],
        modules: [
          'Information médicale à l’ère du numérique',
          'Pharmacovigilance et réseaux sociaux',
          'Veille scientifique assistée par l’IA',
        ],
      },
      {
        code: 'JOB-MGMT',
        title: 'Management et conduite du changement',
        titleEn: 'Management and change management',
        partners: ['em-produits-de-sante', 'digilian'],
        modules: [
          'Travailler en mode agile',
          'Manager une équipe hybride',
          'Conduire le changement numérique dans son organisation',
          'Leadership et culture de l’innovation',
        ],
      },
    ],
  },
];
