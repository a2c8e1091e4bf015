import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse } from 'graphql';
import { printReread } from '../gateway-subscriptions';
import { subscriptionRoutes } from '../subscription-routes';

const root = join(__dirname, '..', '..', '..', '..');

describe('subscriptionRoutes', () => {
  it('routes every subscription of the committed graph: a twin Query field, or the Query field keyed by the announced object\u2019s id', () => {
    const apiSchema = buildSchema(readFileSync(join(root, 'schema', 'api.graphql'), 'utf8'));
    const supergraph = readFileSync(join(root, 'gateway', 'supergraph', 'core.graphql'), 'utf8');
    const { routes, problems } = subscriptionRoutes(apiSchema, supergraph);
    expect(problems).toEqual([]);
    const summary = Object.fromEntries([...routes.values()].map((r) => [r.field, `${r.subgraph}: ${r.queryField}(${r.fromEvent.join(',')})`]));
    expect(summary).toEqual({
      registrationChanged: 'events: registrationState()',
      accessRequestChanged: 'datasets: accessRequestState()',
      myAccessRequests: 'datasets: accessRequests()',
      datasetPublished: 'datasets: dataset(id)',
    });
  });

  it('serves no subscription whose id-keyed Query field is ambiguous', () => {
    const apiSchema = buildSchema(/* GraphQL */ `
      type Thing { id: ID! name: String }
      input ThingFilter { name: String }
      type Query { thing(id: ID!): Thing other(id: ID!): Thing }
      type Subscription { thingAdded(filter: ThingFilter): Thing! }
    `);
    const supergraph = /* GraphQL */ `
      enum join__Graph { THINGS @join__graph(name: "things", url: "http://things/graphql") }
      type Subscription @join__type(graph: THINGS) { thingAdded(filter: ThingFilter): Thing! }
    `;
    const { routes, problems } = subscriptionRoutes(apiSchema, supergraph);
    expect(routes.size).toBe(0);
    expect(problems).toEqual([expect.stringContaining('Subscription.thingAdded: more than one Query field of type Thing')]);
  });
});

describe('the read of an event that announces an object', () => {
  it('keeps the Query field\u2019s arguments, adds the announced id, and leaves out the variables no longer used', () => {
    const document = parse(/* GraphQL */ `
      subscription Follow($filter: DatasetFilter, $fr: Boolean!) {
        news: datasetPublished(filter: $filter) { id title { fr @include(if: $fr) } ...Who }
      }
      fragment Who on Dataset { publisher { name } }
    `);
    expect(printReread(document, 'dataset', { keep: ['id'], values: { id: 'd-1' } })).toBe(
      [
        'query Follow($fr: Boolean!) {',
        '  news: dataset(id: "d-1") {',
        '    id',
        '    title {',
        '      fr @include(if: $fr)',
        '    }',
        '    ...Who',
        '  }',
        '}',
        '',
        'fragment Who on Dataset {',
        '  publisher {',
        '    name',
        '  }',
        '}',
      ].join('\n'),
    );
  });
});
