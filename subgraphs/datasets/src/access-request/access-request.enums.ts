import { registerEnumType } from 'type-graphql';

/** The French route of a data access request: HDH single entry, CESREES opinion, CNIL authorisation. */
export enum AccessRequestStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  INCOMPLETE = 'INCOMPLETE',
  CESREES_REVIEW = 'CESREES_REVIEW',
  CESREES_FAVOURABLE = 'CESREES_FAVOURABLE',
  CESREES_UNFAVOURABLE = 'CESREES_UNFAVOURABLE',
  CNIL_REVIEW = 'CNIL_REVIEW',
  AUTHORISED = 'AUTHORISED',
  REFUSED = 'REFUSED',
  REDIRECTED_MR = 'REDIRECTED_MR',
  REDIRECTED_CPP = 'REDIRECTED_CPP',
  PROVISIONED = 'PROVISIONED',
  CLOSED = 'CLOSED',
  WITHDRAWN = 'WITHDRAWN',
}

registerEnumType(AccessRequestStatus, {
  name: 'AccessRequestStatus',
  description: 'Where a data access request stands (see the datasets README for the transitions).',
  valuesConfig: {
    DRAFT: { description: 'Being written by the requester; visible to the requesting organisation and the publisher.' },
    SUBMITTED: { description: 'Submitted to the single entry point; awaiting the publisher\u2019s review.' },
    INCOMPLETE: { description: 'Returned to the requester for missing information.' },
    CESREES_REVIEW: { description: 'Under review by the CESREES ethics and scientific committee.' },
    CESREES_FAVOURABLE: { description: 'The CESREES gave a favourable opinion.' },
    CESREES_UNFAVOURABLE: { description: 'The CESREES gave an unfavourable opinion.' },
    CNIL_REVIEW: { description: 'Awaiting the CNIL authorisation decision.' },
    AUTHORISED: { description: 'Authorised by the CNIL; data not yet provided.' },
    REFUSED: { description: 'Refused (final).' },
    REDIRECTED_MR: { description: 'Redirected to a CNIL reference methodology (MR-001 to MR-008).' },
    REDIRECTED_CPP: { description: 'Redirected to a CPP (research involving the human person).' },
    PROVISIONED: { description: 'Data made available to the requester (e.g. in a secure enclave).' },
    CLOSED: { description: 'Project ended, access closed (final).' },
    WITHDRAWN: { description: 'Withdrawn by the requester (final).' },
  },
});

/** Which side of a request an actor is on. */
export enum AccessRequestActor {
  REQUESTER = 'REQUESTER',
  STEWARD = 'STEWARD',
}

registerEnumType(AccessRequestActor, {
  name: 'AccessRequestActor',
  description: 'Who may perform a transition of an access request.',
  valuesConfig: {
    REQUESTER: { description: 'A member of the requesting organisation.' },
    STEWARD: { description: 'A data steward of the publishing organisation (or an admin).' },
  },
});
