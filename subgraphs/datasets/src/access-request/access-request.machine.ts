import { AccessRequestActor, AccessRequestStatus as S } from './access-request.enums';

export interface Transition {
  from: S;
  to: S;
  by: AccessRequestActor;
}

const R = AccessRequestActor.REQUESTER;
const W = AccessRequestActor.STEWARD;

/** Every legal transition and who may make it. Anything else is INVALID_STATE_TRANSITION. */
export const TRANSITIONS: readonly Transition[] = [
  { from: S.DRAFT, to: S.SUBMITTED, by: R },
  { from: S.DRAFT, to: S.WITHDRAWN, by: R },
  { from: S.SUBMITTED, to: S.INCOMPLETE, by: W },
  { from: S.SUBMITTED, to: S.CESREES_REVIEW, by: W },
  { from: S.SUBMITTED, to: S.REDIRECTED_MR, by: W },
  { from: S.SUBMITTED, to: S.REDIRECTED_CPP, by: W },
  { from: S.SUBMITTED, to: S.WITHDRAWN, by: R },
  { from: S.INCOMPLETE, to: S.SUBMITTED, by: R },
  { from: S.INCOMPLETE, to: S.WITHDRAWN, by: R },
  { from: S.CESREES_REVIEW, to: S.CESREES_FAVOURABLE, by: W },
  { from: S.CESREES_REVIEW, to: S.CESREES_UNFAVOURABLE, by: W },
  { from: S.CESREES_REVIEW, to: S.INCOMPLETE, by: W },
  { from: S.CESREES_REVIEW, to: S.WITHDRAWN, by: R },
  { from: S.CESREES_FAVOURABLE, to: S.CNIL_REVIEW, by: W },
  { from: S.CESREES_FAVOURABLE, to: S.WITHDRAWN, by: R },
  { from: S.CESREES_UNFAVOURABLE, to: S.CNIL_REVIEW, by: W },
  { from: S.CESREES_UNFAVOURABLE, to: S.REFUSED, by: W },
  { from: S.CESREES_UNFAVOURABLE, to: S.WITHDRAWN, by: R },
  { from: S.CNIL_REVIEW, to: S.AUTHORISED, by: W },
  { from: S.CNIL_REVIEW, to: S.REFUSED, by: W },
  { from: S.CNIL_REVIEW, to: S.WITHDRAWN, by: R },
  { from: S.AUTHORISED, to: S.PROVISIONED, by: W },
  { from: S.AUTHORISED, to: S.WITHDRAWN, by: R },
  { from: S.REDIRECTED_MR, to: S.PROVISIONED, by: W },
  { from: S.REDIRECTED_MR, to: S.CLOSED, by: W },
  { from: S.REDIRECTED_CPP, to: S.CLOSED, by: W },
  { from: S.PROVISIONED, to: S.CLOSED, by: W },
];

export function findTransition(from: S, to: S): Transition | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.to === to);
}

/** Final states: no transition leaves them. */
export const FINAL_STATUSES: readonly S[] = Object.values(S).filter((s) => !TRANSITIONS.some((t) => t.from === s));

/** Statuses of a request still in progress ("open"). */
export const OPEN_STATUSES: readonly S[] = Object.values(S).filter((s) => !FINAL_STATUSES.includes(s));

/** Statuses that record a decision (`decidedAt`). */
export const DECISION_STATUSES: readonly S[] = [S.AUTHORISED, S.REFUSED, S.REDIRECTED_MR, S.REDIRECTED_CPP];

/** Shortest path of transitions from DRAFT to `target` (used by the demo seed). */
export function pathTo(target: S): Transition[] {
  const previous = new Map<S, Transition>();
  const queue: S[] = [S.DRAFT];
  const seen = new Set<S>(queue);
  while (queue.length) {
    const current = queue.shift() as S;
    if (current === target) break;
    for (const t of TRANSITIONS.filter((x) => x.from === current)) {
      if (!seen.has(t.to)) {
        seen.add(t.to);
        previous.set(t.to, t);
        queue.push(t.to);
      }
    }
  }
  const path: Transition[] = [];
  for (let s = target; s !== S.DRAFT; ) {
    const t = previous.get(s);
    if (!t) throw new Error(`${target} is unreachable`);
    path.unshift(t);
    s = t.from;
  }
  return path;
}
