import { registerEnumType } from 'type-graphql';

/** Families of the ~150 jobs of the health industries (seed C: "personae"). */
export enum JobFamily {
  RESEARCH = 'RESEARCH',
  CLINICAL = 'CLINICAL',
  REGULATORY = 'REGULATORY',
  MEDICAL_AFFAIRS = 'MEDICAL_AFFAIRS',
  MARKET_ACCESS = 'MARKET_ACCESS',
  SALES = 'SALES',
  MANUFACTURING = 'MANUFACTURING',
  DATA_IT = 'DATA_IT',
  SUPPORT = 'SUPPORT',
}

/** How much a persona needs a competency (ESCO: essential or optional skill of an occupation). */
export enum Priority {
  ESSENTIAL = 'ESSENTIAL',
  OPTIONAL = 'OPTIONAL',
}

registerEnumType(JobFamily, {
  name: 'JobFamily',
  description: 'Family of jobs of the health industries.',
  valuesConfig: {
    RESEARCH: { description: 'Research and development.' },
    CLINICAL: { description: 'Clinical research and clinical operations.' },
    REGULATORY: { description: 'Regulatory affairs, quality and compliance.' },
    MEDICAL_AFFAIRS: { description: 'Medical affairs, medical information and pharmacovigilance.' },
    MARKET_ACCESS: { description: 'Market access, health economics and pricing.' },
    SALES: { description: 'Sales, marketing and customer relations.' },
    MANUFACTURING: { description: 'Production, supply chain and industrial engineering.' },
    DATA_IT: { description: 'Data, information systems and digital products.' },
    SUPPORT: { description: 'Support functions: HR, training, legal, finance, management.' },
  },
});

registerEnumType(Priority, {
  name: 'Priority',
  description: 'How much a persona needs a competency.',
  valuesConfig: {
    ESSENTIAL: { description: 'Needed to do the job (ESCO essential skill).' },
    OPTIONAL: { description: 'Useful, not required (ESCO optional skill).' },
  },
});
