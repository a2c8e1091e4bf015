import { createHash } from 'node:crypto';
import { composeServices } from '@apollo/composition';
import { createLogger } from '@ecosystem/shared';
import { parse } from 'graphql';
import { queryPlanCacheKey, WarmableQueryPlanCache } from '../plan-cache';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';

function supergraph(): string {
  const result = composeServices([
    { name: 'a', url: 'http://a', typeDefs: parse(`${LINK}\ntype Query { orgs: [Org!]! } type Org @key(fields: "id") { id: ID! name: String }`) },
    { name: 'b', url: 'http://b', typeDefs: parse(`${LINK}\ntype Org @key(fields: "id") { id: ID! badge: String }`) },
  ]);
  if (!result.supergraphSdl) throw new Error('did not compose');
  return result.supergraphSdl;
}

describe('warmable query-plan cache', () => {
  it("uses @apollo/gateway's key: sha256(query), then sha256(queryHash + operationName)", () => {
    const query = 'query Orgs { orgs { id } }';
    const queryHash = createHash('sha256').update(query).digest('hex');
    expect(queryPlanCacheKey(query, null)).toBe(queryHash);
    expect(queryPlanCacheKey(query, 'Orgs')).toBe(createHash('sha256').update(queryHash).update('Orgs').digest('hex'));
  });

  it('prepares plans for the next supergraph and serves them after the clear() of the update', async () => {
    const cache = new WarmableQueryPlanCache(createLogger('test', 'silent'));
    const document = 'query Orgs { orgs { id name badge } }';
    await cache.set('old', { kind: 'QueryPlan' } as never);
    expect(await cache.prepare(supergraph(), [{ operationName: 'Orgs', document }, { operationName: null, document: '{ nope }' }])).toBe(1);
    // Until the gateway updates, the current plans stay.
    expect(await cache.get('old')).toBeDefined();
    cache.clear();
    expect(await cache.get('old')).toBeUndefined();
    const plan = await cache.get(queryPlanCacheKey(document, 'Orgs'));
    expect(plan?.kind).toBe('QueryPlan');
    expect(JSON.stringify(plan)).toContain('"serviceName":"b"');
    expect(cache.stats()).toMatchObject({ warmed: 1, warmFailures: 1 });
    // A clear without prepared plans empties the cache, as stock @apollo/gateway does.
    cache.clear();
    expect(await cache.get(queryPlanCacheKey(document, 'Orgs'))).toBeUndefined();
  });

  it('tells its observer of every lookup, hit or miss (the query_plan_cache_total metric)', async () => {
    const lookups: boolean[] = [];
    const cache = new WarmableQueryPlanCache(createLogger('test', 'silent'), 1, { planCacheLookup: (hit) => lookups.push(hit) });
    expect(await cache.get('plan')).toBeUndefined();
    await cache.set('plan', { kind: 'QueryPlan' } as never);
    expect(await cache.get('plan')).toBeDefined();
    expect(lookups).toEqual([false, true]);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1 });
  });
});
