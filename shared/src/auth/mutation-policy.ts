import { AppError } from '../errors/app-error';
import { ErrorCode } from '../errors/error-code';
import { allows, authorize, type AccessRule, type Relation, type RelationFacts } from './policy';
import { Role, type Viewer } from './viewer';

/**
 * Who may call each mutation of the graph: the one table that the owning services enforce (through
 * `authorize`), that docs/security.md is generated from (`npm run docs:security`) and that the
 * authorisation matrix test checks against the composed schema. A mutation missing here fails that
 * test. One entry is one line: `name: policy(subgraph, roles, relation, owner, note?)`.
 */
export interface MutationPolicy extends AccessRule {
  subgraph: 'members' | 'datasets' | 'training' | 'events';
  /** The organisation(s) or person whose relation to the viewer decides (`orgIds` / `personId`). */
  owner: string;
  /** Further conditions the service checks, for the docs. */
  note?: string;
  /** A viewer who may not see the target is answered NOT_FOUND (its existence is not revealed) rather than FORBIDDEN. */
  hidesTarget?: boolean;
}

const policy = (
  subgraph: MutationPolicy['subgraph'],
  roles: readonly Role[],
  relation: Relation,
  owner: string,
  note?: string,
  extra: Pick<MutationPolicy, 'adminsExcluded' | 'hidesTarget'> = {},
): MutationPolicy => ({ subgraph, roles, relation, owner, ...(note ? { note } : {}), ...extra });

/** Acts of the requesting organisation on its own access request: admins act for no organisation, and others do not see it. */
const REQUESTER_ACT = { adminsExcluded: true, hidesTarget: true } as const;

const { DATA_STEWARD: STEWARD, TRAINING_MANAGER: TM, EVENT_ORGANISER: ORGANISER } = Role;

/** The academy's shared catalogue (personae, competency matrix) is owned by the academy's operator. */
const ACADEMY = 'the academy operator (ACADEMY_OPERATOR_ID, by default Leem, operator of the Académie du Digital en Santé)';

export const MUTATION_POLICIES: Readonly<Record<string, MutationPolicy>> = {
  // members
  upsertOrganization: policy('members', [], 'org', 'the organisation updated', 'creating an organisation is for admins only; a new parent needs the viewer to act for it (or admin)'),
  addMembership: policy('members', [], 'org', 'the organisation joining the ecosystem'),
  endMembership: policy('members', [], 'org', 'the organisation leaving the ecosystem'),
  upsertPerson: policy('members', [], 'selfOrOrg', 'the person, or one of their current organisations', 'each affiliation added needs the viewer to act for that organisation (or admin)'),
  erasePerson: policy('members', [], 'selfOrOrg', 'the person, or one of their current organisations'),
  createProject: policy('members', [], 'org', 'the coordinating organisation'),
  transitionProject: policy('members', [], 'org', 'the coordinating organisation', 'LABELLED, FUNDED and REJECTED are for admins only'),
  addParticipant: policy('members', [], 'org', 'the coordinating organisation'),
  // datasets
  createDataset: policy('datasets', [STEWARD], 'org', 'the publisher', 'the catalogue must belong to an organisation the viewer acts for (or admin)'),
  addDistribution: policy('datasets', [STEWARD], 'org', 'the dataset’s publisher'),
  createAccessRequest: policy('datasets', [], 'org', 'the requesting organisation (always the viewer’s own)', 'the viewer must act for an organisation', { adminsExcluded: true }),
  transitionAccessRequest: policy('datasets', [STEWARD], 'org', 'the publisher (steward-side transitions)', 'requester-side transitions follow submitAccessRequest’s rule', { hidesTarget: true }),
  submitAccessRequest: policy('datasets', [], 'org', 'the requesting organisation', undefined, REQUESTER_ACT),
  withdrawAccessRequest: policy('datasets', [], 'org', 'the requesting organisation', undefined, REQUESTER_ACT),
  // training
  createModule: policy('training', [TM], 'everyOrg', `every provider named, or ${ACADEMY}`),
  publishModule: policy('training', [TM], 'org', `a provider of the module, or ${ACADEMY}`),
  setModulePrerequisites: policy('training', [TM], 'org', `a provider of the module, or ${ACADEMY}`),
  scheduleSession: policy('training', [TM], 'org', `the session’s provider, or ${ACADEMY}`),
  upsertPersona: policy('training', [TM], 'org', ACADEMY),
  setRequirement: policy('training', [TM], 'org', ACADEMY),
  enrol: policy('training', [TM], 'selfOrOrg', 'the learner; or the employer, for a learner it already employs in training', 'the employer of a self-enrolment is the viewer’s own organisation'),
  withdraw: policy('training', [TM], 'selfOrOrg', 'the learner, or the enrolment’s employer'),
  recordProgress: policy('training', [TM], 'selfOrOrg', 'the learner, or the enrolment’s employer'),
  completeEnrolment: policy('training', [TM], 'org', 'the enrolment’s employer'),
  // events
  createEvent: policy('events', [ORGANISER], 'everyOrg', 'every organiser named'),
  rescheduleEvent: policy('events', [ORGANISER], 'org', 'one of the event’s organisers'),
  postponeEvent: policy('events', [ORGANISER], 'org', 'one of the event’s organisers'),
  cancelEvent: policy('events', [ORGANISER], 'org', 'one of the event’s organisers'),
  addSpeaker: policy('events', [ORGANISER], 'org', 'one of the event’s organisers'),
  linkDataset: policy('events', [ORGANISER], 'org', 'one of the event’s organisers'),
  createSeries: policy('events', [ORGANISER], 'org', 'the series’ organiser'),
  publishCall: policy('events', [ORGANISER], 'org', 'the call’s publisher (and an organiser of every linked event)'),
  submitExpressionOfInterest: policy('events', [], 'org', 'the organisation expressing interest'),
  register: policy('events', [], 'self', 'the person registered (their consent)', 'members-only events need the member role; the organisation named must be one the viewer acts for (or admin)'),
  cancelRegistration: policy('events', [ORGANISER], 'selfOrOrg', 'the person registered, or one of the event’s organisers'),
  checkIn: policy('events', [ORGANISER], 'org', 'one of the event’s organisers'),
  createCalendarFeed: policy('events', [], 'none', 'the viewer (a feed of their own registrations)'),
  revokeCalendarFeed: policy('events', [], 'self', 'the feed’s owner'),
};

/** The rule of a mutation; throws for a name missing from the table, so a new mutation cannot go unchecked. */
export function mutationPolicy(name: string): MutationPolicy {
  const entry = MUTATION_POLICIES[name];
  if (!entry) throw new Error(`No authorisation policy for mutation ${name}: add it to MUTATION_POLICIES`);
  return entry;
}

/**
 * The check every mutation's service makes before writing: the mutation's rule from the table,
 * applied to the facts the service read about the target. UNAUTHENTICATED or FORBIDDEN otherwise.
 */
export function authorizeMutation(viewer: Viewer | null, mutation: string, facts: RelationFacts = {}, message?: string): Viewer {
  return authorize(viewer, mutationPolicy(mutation), facts, message);
}

/**
 * The check of a reference the input makes to something another organisation owns: the catalogue a
 * dataset is listed in, the parent of an organisation, the organisation a registration is made for,
 * the person registered. Naming it attaches the new row to its owner, so the viewer must be that
 * person or act for one of its owners (or be an admin, unless the mutation's rule excludes admins);
 * otherwise FORBIDDEN naming the input field. Call it after `authorizeMutation`, before any write.
 */
export function authorizeReference(
  viewer: Viewer | null,
  mutation: string,
  field: string,
  owners: RelationFacts,
  message: string,
): Viewer {
  const rule = mutationPolicy(mutation);
  const signedIn = authorize(viewer, { roles: [], relation: 'none' });
  if (!allows(signedIn, { roles: [], relation: 'selfOrOrg', adminsExcluded: rule.adminsExcluded }, owners)) {
    throw new AppError(ErrorCode.FORBIDDEN, message, { field });
  }
  return signedIn;
}
