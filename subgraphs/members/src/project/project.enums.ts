import { registerEnumType } from 'type-graphql';

export enum ProjectStatus {
  SUBMITTED = 'SUBMITTED',
  LABELLED = 'LABELLED',
  FUNDED = 'FUNDED',
  RUNNING = 'RUNNING',
  COMPLETED = 'COMPLETED',
  REJECTED = 'REJECTED',
}

registerEnumType(ProjectStatus, {
  name: 'ProjectStatus',
  description: 'Lifecycle of an R&D project: SUBMITTED -> LABELLED -> FUNDED -> RUNNING -> COMPLETED, or REJECTED.',
  valuesConfig: {
    SUBMITTED: { description: 'Submitted to the ecosystem for labelling.' },
    LABELLED: { description: 'Labelled by an ecosystem (e.g. the Medicen label).' },
    FUNDED: { description: 'Funding obtained.' },
    RUNNING: { description: 'Work under way.' },
    COMPLETED: { description: 'Finished.' },
    REJECTED: { description: 'Not labelled or not funded.' },
  },
});

/** The only moves allowed; anything else is INVALID_STATE_TRANSITION. */
export const PROJECT_TRANSITIONS: Record<ProjectStatus, ProjectStatus[]> = {
  [ProjectStatus.SUBMITTED]: [ProjectStatus.LABELLED, ProjectStatus.REJECTED],
  [ProjectStatus.LABELLED]: [ProjectStatus.FUNDED, ProjectStatus.REJECTED],
  [ProjectStatus.FUNDED]: [ProjectStatus.RUNNING],
  [ProjectStatus.RUNNING]: [ProjectStatus.COMPLETED],
  [ProjectStatus.COMPLETED]: [],
  [ProjectStatus.REJECTED]: [],
};

/** Statuses of projects that were labelled and funded. */
export const FUNDED_STATUSES = [ProjectStatus.FUNDED, ProjectStatus.RUNNING, ProjectStatus.COMPLETED];

export enum ProjectRole {
  COORDINATOR = 'COORDINATOR',
  PARTNER = 'PARTNER',
  CLINICAL_SITE = 'CLINICAL_SITE',
  DATA_PROVIDER = 'DATA_PROVIDER',
  SUBCONTRACTOR = 'SUBCONTRACTOR',
}

registerEnumType(ProjectRole, {
  name: 'ProjectRole',
  description: 'Part an organisation plays in a project.',
  valuesConfig: {
    COORDINATOR: { description: 'Leads the project (one per project).' },
    PARTNER: { description: 'Consortium partner.' },
    CLINICAL_SITE: { description: 'Hospital or clinical investigation site.' },
    DATA_PROVIDER: { description: 'Provides data to the project.' },
    SUBCONTRACTOR: { description: 'Works under contract for a partner.' },
  },
});

export enum FundingScheme {
  BPIFRANCE = 'BPIFRANCE',
  ANR = 'ANR',
  REGION_IDF = 'REGION_IDF',
  FRANCE_2030 = 'FRANCE_2030',
  HORIZON_EUROPE = 'HORIZON_EUROPE',
  EU4HEALTH = 'EU4HEALTH',
  PRIVATE = 'PRIVATE',
  OTHER = 'OTHER',
}

registerEnumType(FundingScheme, {
  name: 'FundingScheme',
  description: 'Source of funding of a project.',
  valuesConfig: {
    BPIFRANCE: { description: 'Bpifrance (PSPC, i-Nov, FUI...).' },
    ANR: { description: 'Agence nationale de la recherche.' },
    REGION_IDF: { description: 'Île-de-France region.' },
    FRANCE_2030: { description: 'France 2030 investment plan (incl. PEPR).' },
    HORIZON_EUROPE: { description: 'EU Horizon Europe programme.' },
    EU4HEALTH: { description: 'EU4Health programme.' },
    PRIVATE: { description: 'Private funding.' },
    OTHER: { description: 'Any other source.' },
  },
});
