import { demoId, demoPeople, type DemoPerson, demoOrganizations, seededFaker } from '@ecosystem/shared';
import { AccessRequestActor, AccessRequestStatus as S } from '../access-request/access-request.enums';
import { DECISION_STATUSES, type Transition, TRANSITIONS } from '../access-request/access-request.machine';
import { PUBLIC_REPERTOIRE_BASE } from '../access-request/access-request.service';
import { AccessRights, HdhPosition } from '../dataset/dataset.enums';
import { type DemoDataset } from './demo-catalogue';

export interface DemoStatusChange {
  id: string;
  accessRequestId: string;
  fromStatus: S | null;
  toStatus: S;
  byPersonId: string;
  byOrganizationId: string | null;
  at: Date;
  note: string | null;
}

export interface DemoAccessRequest {
  id: string;
  requesterId: string;
  publisherId: string;
  principalInvestigatorId: string;
  createdById: string;
  purpose: string;
  publicInterest: string | null;
  methodology: string | null;
  referenceMethodology: string | null;
  status: S;
  version: number;
  cesreesOpinion: string | null;
  cnilDecisionRef: string | null;
  submittedAt: Date | null;
  decidedAt: Date | null;
  projectId: string | null;
  publicRepertoireUrl: string | null;
  createdAt: Date;
  updatedAt: Date;
  datasetIds: string[];
  history: DemoStatusChange[];
}

/** How many demo requests end in each status (1,500 in all, every status present). */
export const DEMO_STATUS_COUNTS: Record<S, number> = {
  [S.DRAFT]: 120,
  [S.SUBMITTED]: 120,
  [S.INCOMPLETE]: 80,
  [S.CESREES_REVIEW]: 120,
  [S.CESREES_FAVOURABLE]: 80,
  [S.CESREES_UNFAVOURABLE]: 50,
  [S.CNIL_REVIEW]: 100,
  [S.AUTHORISED]: 130,
  [S.REFUSED]: 90,
  [S.REDIRECTED_MR]: 110,
  [S.REDIRECTED_CPP]: 60,
  [S.PROVISIONED]: 200,
  [S.CLOSED]: 150,
  [S.WITHDRAWN]: 90,
};

/** Number of transitions from each state to `target` (absent: unreachable). */
function distancesTo(target: S): Map<S, number> {
  const distance = new Map<S, number>([[target, 0]]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const t of TRANSITIONS) {
      const next = distance.get(t.to);
      if (next === undefined) continue;
      const current = distance.get(t.from);
      if (current === undefined || current > next + 1) {
        distance.set(t.from, next + 1);
        grew = true;
      }
    }
  }
  return distance;
}

const PURPOSES = [
  'Évaluer l\u2019efficacité en vie réelle d\u2019un traitement innovant',
  'Étudier les parcours de soins des patients après un infarctus du myocarde',
  'Entraîner et valider un algorithme de détection précoce du cancer du sein',
  'Mesurer l\u2019impact d\u2019un programme de télésurveillance sur les réhospitalisations',
  'Décrire l\u2019épidémiologie d\u2019une maladie rare en France',
  'Évaluer le coût de la prise en charge du diabète de type 2',
  'Étudier les inégalités territoriales d\u2019accès aux soins de santé mentale',
  'Construire un jumeau numérique de patients insuffisants rénaux',
];

let cache: DemoAccessRequest[] | undefined;

/** ~1,500 demo access requests in every status, each with its full history. Deterministic. */
export function demoAccessRequests(datasets: DemoDataset[]): DemoAccessRequest[] {
  if (cache) return cache;
  const faker = seededFaker(4003);
  const people = demoPeople();
  const peopleByOrg = new Map<string, DemoPerson[]>();
  for (const p of people) peopleByOrg.set(p.organization.id, [...(peopleByOrg.get(p.organization.id) ?? []), p]);
  const orgKind = new Map(demoOrganizations().map((o) => [o.id, o.kind]));
  const requestable = datasets.filter((d) => d.accessRights !== AccessRights.PUBLIC);
  const weighted = requestable.map((d) => ({
    weight: d.hdhPosition === HdhPosition.SNDS_MAIN_DATABASE ? 25 : d.hdhPosition === HdhPosition.SNDS_CATALOGUE ? 4 : 1,
    value: d,
  }));
  const byPublisher = new Map<string, DemoDataset[]>();
  for (const d of requestable) byPublisher.set(d.publisherId, [...(byPublisher.get(d.publisherId) ?? []), d]);
  const requesters = people.filter((p) => ['STARTUP', 'SME', 'LARGE_COMPANY', 'RESEARCH_INSTITUTE', 'UNIVERSITY', 'HOSPITAL', 'MID_CAP'].includes(orgKind.get(p.organization.id) ?? ''));
  const projectIds = Array.from({ length: 200 }, (_, i) => demoId('project', `project-${String(i + 1).padStart(3, '0')}`));

  const targets = (Object.entries(DEMO_STATUS_COUNTS) as [S, number][]).flatMap(([status, n]) => Array<S>(n).fill(status));
  const result: DemoAccessRequest[] = [];
  for (const [index, target] of faker.helpers.shuffle(targets).entries()) {
    const key = `ar-${String(index + 1).padStart(4, '0')}`;
    const id = demoId('access-request', key);
    const first = faker.helpers.weightedArrayElement(weighted);
    const siblings = (byPublisher.get(first.publisherId) ?? []).filter((d) => d.id !== first.id);
    const chosen = [first, ...faker.helpers.arrayElements(siblings, { min: 0, max: Math.min(2, siblings.length) })];
    let pi = faker.helpers.arrayElement(requesters);
    while (pi.organization.id === first.publisherId) pi = faker.helpers.arrayElement(requesters);
    const stewards = peopleByOrg.get(first.publisherId) ?? [];
    const steward = stewards.length ? faker.helpers.arrayElement(stewards) : pi;

    // A random walk towards the target: only transitions from which the target stays reachable,
    // at most one return as INCOMPLETE.
    // A random walk towards the target: any transition from which the target stays reachable,
    // with at most one return as INCOMPLETE; after it, only transitions that get closer.
    const distance = distancesTo(target);
    const walk: Transition[] = [];
    let state: S = S.DRAFT;
    let detours = 0;
    while (state !== target && walk.length < 30) {
      const from: S = state;
      const here: number = distance.get(from) ?? 0;
      const options: Transition[] = TRANSITIONS.filter((t) => t.from === from && distance.has(t.to));
      const closer: Transition[] = options.filter((t) => (distance.get(t.to) ?? 99) < here);
      let next: Transition | undefined;
      if (target === S.WITHDRAWN) {
        // Withdrawn at different stages.
        const withdraw = options.find((t) => t.to === S.WITHDRAWN);
        if (withdraw && walk.length >= index % 5) next = withdraw;
      }
      const incomplete = options.find((t) => t.to === S.INCOMPLETE);
      if (!next && detours === 0 && incomplete && faker.datatype.boolean(0.15)) next = incomplete;
      const forward = options.filter((t) => t.to !== S.INCOMPLETE && t.to !== S.WITHDRAWN);
      const chosen: Transition = next ?? faker.helpers.arrayElement(detours === 0 && forward.length ? forward : closer);
      if (chosen.to === S.INCOMPLETE) detours += 1;
      walk.push(chosen);
      state = chosen.to;
    }
    if (state !== target) throw new Error(`demo walk to ${target} did not end`);

    const createdAt = faker.date.between({ from: '2021-03-01T00:00:00Z', to: '2024-03-01T00:00:00Z' });
    let at = createdAt;
    const history: DemoStatusChange[] = [
      {
        id: demoId('status-change', `${key}:0`),
        accessRequestId: id,
        fromStatus: null,
        toStatus: S.DRAFT,
        byPersonId: pi.id,
        byOrganizationId: pi.organization.id,
        at,
        note: null,
      },
    ];
    let submittedAt: Date | null = null;
    let decidedAt: Date | null = null;
    let cesreesOpinion: string | null = null;
    let cnilDecisionRef: string | null = null;
    for (const [step, t] of walk.entries()) {
      at = new Date(at.getTime() + faker.number.int({ min: 1, max: 45 }) * 86_400_000 + faker.number.int({ min: 0, max: 36_000_000 }));
      const requesterSide = t.by === AccessRequestActor.REQUESTER;
      if (t.to === S.SUBMITTED && !submittedAt) submittedAt = at;
      if (DECISION_STATUSES.includes(t.to)) decidedAt = at;
      if (t.to === S.CESREES_FAVOURABLE) cesreesOpinion = 'Avis favorable : intérêt public établi, méthodologie adaptée.';
      if (t.to === S.CESREES_UNFAVOURABLE) cesreesOpinion = 'Avis défavorable : finalité d\u2019intérêt public insuffisamment démontrée.';
      if (t.from === S.CNIL_REVIEW) cnilDecisionRef = `DR-${at.getUTCFullYear()}-${faker.number.int({ min: 100, max: 999 })}`;
      history.push({
        id: demoId('status-change', `${key}:${step + 1}`),
        accessRequestId: id,
        fromStatus: t.from,
        toStatus: t.to,
        byPersonId: requesterSide ? pi.id : steward.id,
        byOrganizationId: requesterSide ? pi.organization.id : first.publisherId,
        at,
        note:
          t.to === S.INCOMPLETE
            ? 'Protocole incomplet : préciser la liste des variables et la durée de conservation.'
            : t.to === S.WITHDRAWN
              ? 'Projet réorienté.'
              : t.to === S.REDIRECTED_MR
                ? 'Relève d\u2019une méthodologie de référence.'
                : null,
      });
    }
    const purpose = faker.helpers.arrayElement(PURPOSES);
    result.push({
      id,
      requesterId: pi.organization.id,
      publisherId: first.publisherId,
      principalInvestigatorId: pi.id,
      createdById: pi.id,
      purpose,
      publicInterest: `Amélioration des connaissances et de la prise en charge : ${purpose.toLowerCase()}.`,
      methodology: faker.helpers.arrayElement(['Étude de cohorte rétrospective', 'Étude cas-témoins nichée', 'Étude transversale', 'Apprentissage automatique supervisé']),
      referenceMethodology: walk.some((t) => t.to === S.REDIRECTED_MR) ? faker.helpers.arrayElement(['MR-004', 'MR-005', 'MR-006']) : null,
      status: target,
      version: 1 + walk.length,
      cesreesOpinion,
      cnilDecisionRef,
      submittedAt,
      decidedAt,
      projectId: faker.datatype.boolean(0.4) ? faker.helpers.arrayElement(projectIds) : null,
      publicRepertoireUrl: walk.some((t) => t.to === S.AUTHORISED) ? `${PUBLIC_REPERTOIRE_BASE}${id}` : null,
      createdAt,
      updatedAt: at,
      datasetIds: chosen.map((d) => d.id),
      history,
    });
  }
  cache = result;
  return result;
}

