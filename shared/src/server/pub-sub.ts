import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub, type PubSub } from '@graphql-yoga/subscription';
import { Redis } from 'ioredis';
import { z } from 'zod';

/** The setting of a subgraph that publishes subscription events (beside the common subgraph ones). */
export const pubSubEnvSchema = z.object({
  /** Redis for the subscription events' pub/sub across replicas; unset = in this process only. */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').optional(),
});

/** Topics of a PubSub: per topic, the optional topic id and the payload (as @graphql-yoga/subscription types them). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the library's own constraint
export type PubSubTopics = { [key: string]: [] | [any] | [number | string, any] };

/**
 * A subgraph's PubSub (@graphql-yoga/subscription, what type-graphql 2 speaks): over Redis pub/sub
 * when a Redis URL is given, so that every replica's subscribers hear every replica's writes; in this
 * process otherwise. Publish only after the write's transaction committed: a subscriber reads the
 * state again on every event and must find the change.
 */
export type { PubSub };
/** Operators over a PubSub's event streams (a subscription's own `subscribe` that filters events asynchronously). */
export { filter as filterEvents, pipe as pipeEvents } from '@graphql-yoga/subscription';

export function createSubgraphPubSub<Topics extends PubSubTopics>(redisUrl: string | undefined): PubSub<Topics> {
  if (!redisUrl) return createPubSub<Topics>();
  // Two connections: a subscribed Redis connection can send nothing else.
  const publishClient = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
  const subscribeClient = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
  return createPubSub<Topics>({ eventTarget: createRedisEventTarget({ publishClient, subscribeClient }) });
}
