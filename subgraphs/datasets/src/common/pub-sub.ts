import { createSubgraphPubSub, type PubSub } from '@ecosystem/shared';
import { loadDatasetsConfig } from '../config';

/*
 * The datasets subgraph's PubSub and its topics: access requests and datasets publish on it, and the
 * schema's subscriptions listen (one PubSub per schema, shared by two concepts).
 */

/** The topic of an access request's transitions, per request id (accessRequestChanged). */
export const ACCESS_REQUEST_CHANGED = 'ACCESS_REQUEST_CHANGED';
/** The same transitions, every request's (myAccessRequests keeps those the viewer may see). */
export const ACCESS_REQUESTS_CHANGED = 'ACCESS_REQUESTS_CHANGED';
/** The topic of the catalogue's new datasets (datasetPublished). */
export const DATASET_PUBLISHED = 'DATASET_PUBLISHED';

/** What an access request's change announces: its id and what the visibility rule reads (canSeeAccessRequest). */
export interface AccessRequestChange {
  id: string;
  requesterId: string;
  publisherId: string;
  /** ISO time, or null for a draft never submitted (a PubSub over Redis carries JSON). */
  submittedAt: string | null;
}

type Topics = {
  [ACCESS_REQUEST_CHANGED]: [id: string, payload: AccessRequestChange];
  [ACCESS_REQUESTS_CHANGED]: [payload: AccessRequestChange];
  [DATASET_PUBLISHED]: [payload: { id: string }];
};

let pubSub: PubSub<Topics> | undefined;

/** The datasets subgraph's PubSub (over Redis when REDIS_URL is set). */
export function datasetsPubSub(): PubSub<Topics> {
  pubSub ??= createSubgraphPubSub<Topics>(loadDatasetsConfig().REDIS_URL);
  return pubSub;
}

/** Tells subscribers that an access request changed (created or moved): after the write's transaction committed. */
export function publishAccessRequestChange(request: { id: string; requesterId: string; publisherId: string; submittedAt: Date | null }): void {
  const change: AccessRequestChange = {
    id: request.id,
    requesterId: request.requesterId,
    publisherId: request.publisherId,
    submittedAt: request.submittedAt?.toISOString() ?? null,
  };
  datasetsPubSub().publish(ACCESS_REQUEST_CHANGED, request.id, change);
  datasetsPubSub().publish(ACCESS_REQUESTS_CHANGED, change);
}

/** Tells subscribers that a dataset was published: after the write's transaction committed. */
export function publishDatasetPublished(id: string): void {
  datasetsPubSub().publish(DATASET_PUBLISHED, { id });
}
