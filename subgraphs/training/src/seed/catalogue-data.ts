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
  /** Module titles in French and English, by increasing level (3 or 4). */
  modules: { fr: string; en: string }[];
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
          { fr: 'Le numérique en santé : comprendre la transformation en cours', en: 'Digital health: understanding the transformation under way' },
          { fr: 'Feuille de route du numérique en santé et Ma santé 2022', en: 'The digital health roadmap and Ma santé 2022' },
          { fr: 'Piloter un projet de transformation numérique en entreprise du médicament', en: 'Leading a digital transformation project in a pharmaceutical company' },
          { fr: 'Stratégie numérique d’une entreprise de santé', en: 'Digital strategy of a health company' },
        ],
      },
      {
        code: 'CUL-ECOSYS',
        title: 'Écosystème et acteurs de la e-santé',
        titleEn: 'The e-health ecosystem and its players',
        partners: ['em-produits-de-sante', 'digilian'],
        modules: [
          { fr: 'Panorama des acteurs de la e-santé : start-up, GAFAM, institutions', en: 'The e-health landscape: start-ups, big tech, institutions' },
          { fr: 'Travailler avec les start-up : partenariats et open innovation', en: 'Working with start-ups: partnerships and open innovation' },
          { fr: 'Construire une alliance industrie - start-up de la santé numérique', en: 'Building an industry and start-up alliance in digital health' },
        ],
      },
      {
        code: 'CUL-ETHIQUE',
        title: 'Éthique et confiance numérique',
        titleEn: 'Ethics and digital trust',
        partners: ['uclille-law'],
        modules: [
          { fr: 'Éthique du numérique en santé : les fondamentaux', en: 'Ethics of digital health: the fundamentals' },
          { fr: 'Éthique de l’IA en santé et garantie humaine', en: 'Ethics of AI in health and human oversight' },
          { fr: 'Concevoir un comité d’éthique des données et de l’IA', en: 'Setting up a data and AI ethics committee' },
        ],
      },
      {
        code: 'CUL-DTX',
        title: 'Santé connectée et thérapies numériques',
        titleEn: 'Connected health and digital therapeutics',
        partners: ['ifis-interactive', 'telecom-paris'],
        modules: [
          { fr: 'Objets connectés, applications et thérapies numériques (DTx)', en: 'Connected devices, apps and digital therapeutics (DTx)' },
          { fr: 'Biomarqueurs numériques : principes et usages', en: 'Digital biomarkers: principles and uses' },
          { fr: 'Développer une thérapie numérique avec un partenaire', en: 'Developing a digital therapeutic with a partner' },
          { fr: 'Évaluer le bénéfice clinique d’une thérapie numérique', en: 'Assessing the clinical benefit of a digital therapeutic' },
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
          { fr: 'Les données de santé : typologie, sources et valeur', en: 'Health data: types, sources and value' },
          { fr: 'Le SNDS et le Health Data Hub : accéder aux données', en: 'The SNDS and the Health Data Hub: accessing the data' },
          { fr: 'Mener une étude sur les données du SNDS', en: 'Running a study on SNDS data' },
          { fr: 'Concevoir un entrepôt de données de santé', en: 'Designing a health data warehouse' },
        ],
      },
      {
        code: 'DATA-RWD',
        title: 'Données de vie réelle',
        titleEn: 'Real-world data',
        partners: ['ifis-pharma', 'telecom-paris'],
        modules: [
          { fr: 'Données de vie réelle : de quoi parle-t-on ?', en: 'Real-world data: what are we talking about?' },
          { fr: 'Concevoir une étude en vie réelle', en: 'Designing a real-world study' },
          { fr: 'Méthodes statistiques pour les données de vie réelle', en: 'Statistical methods for real-world data' },
          { fr: 'Générer des preuves en vie réelle pour l’accès au marché', en: 'Generating real-world evidence for market access' },
        ],
      },
      {
        code: 'DATA-AI',
        title: 'Intelligence artificielle et apprentissage automatique',
        titleEn: 'Artificial intelligence and machine learning',
        partners: ['telecom-paris'],
        modules: [
          { fr: 'L’intelligence artificielle expliquée aux métiers de la santé', en: 'Artificial intelligence explained to health professions' },
          { fr: 'Apprentissage automatique : les bases pour les projets santé', en: 'Machine learning: the basics for health projects' },
          { fr: 'Deep learning et imagerie médicale', en: 'Deep learning and medical imaging' },
          { fr: 'Industrialiser et surveiller un modèle d’IA en santé', en: 'Deploying and monitoring an AI model in health' },
        ],
      },
      {
        code: 'DATA-INTEROP',
        title: 'Interopérabilité et standards',
        titleEn: 'Interoperability and standards',
        partners: ['telecom-paris', 'digilian'],
        modules: [
          { fr: 'Pourquoi l’interopérabilité ? Référentiels et doctrine du numérique en santé', en: 'Why interoperability? Frameworks and the digital health doctrine' },
          { fr: 'FHIR, HL7 et terminologies de santé', en: 'FHIR, HL7 and health terminologies' },
          { fr: 'Le modèle OMOP et les réseaux de données européens', en: 'The OMOP model and European data networks' },
        ],
      },
      {
        code: 'DATA-CYBER',
        title: 'Cybersécurité',
        titleEn: 'Cybersecurity',
        partners: ['telecom-paris'],
        modules: [
          { fr: 'Cyber-hygiène pour tous les collaborateurs', en: 'Cyber hygiene for every employee' },
          { fr: 'Hébergement de données de santé (HDS) et sécurité des systèmes', en: 'Health data hosting (HDS) and systems security' },
          { fr: 'Gérer un incident de cybersécurité', en: 'Handling a cybersecurity incident' },
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
          { fr: 'RGPD et données de santé : l’essentiel', en: 'GDPR and health data: the essentials' },
          { fr: 'Méthodologies de référence et autorisations CNIL', en: 'Reference methodologies and CNIL authorisations' },
          { fr: 'Conduire une analyse d’impact (AIPD) sur un traitement de santé', en: 'Carrying out a data protection impact assessment (DPIA) on health data processing' },
          { fr: 'Le délégué à la protection des données dans l’industrie de santé', en: 'The data protection officer in the health industry' },
        ],
      },
      {
        code: 'LEG-MDR',
        title: 'Réglementation des dispositifs médicaux numériques',
        titleEn: 'Regulation of digital medical devices',
        partners: ['uclille-law', 'em-produits-de-sante'],
        modules: [
          { fr: 'Logiciel dispositif médical : qualification et classe', en: 'Software as a medical device: qualification and class' },
          { fr: 'Marquage CE selon le règlement MDR', en: 'CE marking under the MDR' },
          { fr: 'Évaluation clinique et surveillance après commercialisation d’un DM numérique', en: 'Clinical evaluation and post-market surveillance of a digital medical device' },
        ],
      },
      {
        code: 'LEG-ACCESS',
        title: 'Accès au marché et remboursement du numérique',
        titleEn: 'Market access and reimbursement of digital health',
        partners: ['em-produits-de-sante', 'ifis-pharma'],
        modules: [
          { fr: 'Le parcours d’accès au marché d’une solution numérique', en: 'The market access pathway of a digital solution' },
          { fr: 'PECAN, LPPR et télésurveillance : les voies de remboursement', en: 'PECAN, LPPR and remote monitoring: the routes to reimbursement' },
          { fr: 'Construire un dossier médico-économique pour la HAS', en: 'Building a health-economic dossier for the HAS' },
          { fr: 'Négocier le prix d’une solution numérique', en: 'Negotiating the price of a digital solution' },
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
          { fr: 'Le numérique dans la recherche clinique', en: 'Digital tools in clinical research' },
          { fr: 'Essais cliniques décentralisés : organisation et outils', en: 'Decentralised clinical trials: organisation and tools' },
          { fr: 'eCOA, ePRO et consentement électronique', en: 'eCOA, ePRO and electronic consent' },
          { fr: 'Concevoir un essai décentralisé de bout en bout', en: 'Designing a decentralised trial end to end' },
        ],
      },
      {
        code: 'JOB-MKT',
        title: 'Marketing et relation client omnicanal',
        titleEn: 'Omnichannel marketing and customer relations',
        partners: ['ifis-interactive', 'em-produits-de-sante'],
        modules: [
          { fr: 'Le marketing digital dans l’industrie du médicament', en: 'Digital marketing in the pharmaceutical industry' },
          { fr: 'Stratégie omnicanale et relation avec les professionnels de santé', en: 'Omnichannel strategy and relations with healthcare professionals' },
          { fr: 'Mesurer la performance d’une campagne omnicanale', en: 'Measuring the performance of an omnichannel campaign' },
        ],
      },
      {
        code: 'JOB-PROD',
        title: 'Production et industrie 4.0',
        titleEn: 'Production and Industry 4.0',
        partners: ['isip', 'telecom-paris'],
        modules: [
          { fr: 'L’industrie 4.0 dans la production pharmaceutique', en: 'Industry 4.0 in pharmaceutical manufacturing' },
          { fr: 'Jumeau numérique d’un procédé de production', en: 'Digital twin of a manufacturing process' },
          { fr: 'Maintenance prédictive et qualité des données de production', en: 'Predictive maintenance and manufacturing data quality' },
          { fr: 'Piloter une usine pharmaceutique connectée', en: 'Running a connected pharmaceutical plant' },
        ],
      },
      {
        code: 'JOB-MED',
        title: 'Affaires médicales et pharmacovigilance digitales',
        titleEn: 'Digital medical affairs and pharmacovigilance',
        partners: ['isip', 'ifis-pharma'],
        modules: [
          { fr: 'Information médicale à l’ère du numérique', en: 'Medical information in the digital age' },
          { fr: 'Pharmacovigilance et réseaux sociaux', en: 'Pharmacovigilance and social media' },
          { fr: 'Veille scientifique assistée par l’IA', en: 'AI-assisted scientific monitoring' },
        ],
      },
      {
        code: 'JOB-MGMT',
        title: 'Management et conduite du changement',
        titleEn: 'Management and change management',
        partners: ['em-produits-de-sante', 'digilian'],
        modules: [
          { fr: 'Travailler en mode agile', en: 'Working the agile way' },
          { fr: 'Manager une équipe hybride', en: 'Managing a hybrid team' },
          { fr: 'Conduire le changement numérique dans son organisation', en: 'Leading digital change in one\u2019s organisation' },
          { fr: 'Leadership et culture de l’innovation', en: 'Leadership and a culture of innovation' },
        ],
      },
    ],
  },
];
