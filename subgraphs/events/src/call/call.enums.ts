import { registerEnumType } from 'type-graphql';

export enum CallKind {
  AMI = 'AMI',
  AAP = 'AAP',
  CHALLENGE = 'CHALLENGE',
}

export enum CallStatus {
  PLANNED = 'PLANNED',
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
  EVALUATING = 'EVALUATING',
  RESULTS_PUBLISHED = 'RESULTS_PUBLISHED',
}

registerEnumType(CallKind, {
  name: 'CallKind',
  description: 'Kind of call.',
  valuesConfig: {
    AMI: { description: 'Call for expressions of interest (appel à manifestation d\u2019intérêt).' },
    AAP: { description: 'Call for projects (appel à projets).' },
    CHALLENGE: { description: 'Innovation challenge.' },
  },
});

registerEnumType(CallStatus, {
  name: 'CallStatus',
  description: 'Where a call stands.',
  valuesConfig: {
    PLANNED: { description: 'Announced, not open yet.' },
    OPEN: { description: 'Open: expressions of interest are accepted until the deadline.' },
    CLOSED: { description: 'Deadline passed.' },
    EVALUATING: { description: 'Submissions under evaluation.' },
    RESULTS_PUBLISHED: { description: 'Results published.' },
  },
});
