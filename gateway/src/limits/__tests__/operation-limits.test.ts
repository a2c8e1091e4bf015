import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, type DocumentNode, Kind, type OperationDefinitionNode, parse, specifiedRules, validate } from 'graphql';
import { loadGatewayConfig } from '../../config';
import { loadExampleOperations } from '../../playground/examples';
import { createOperationLimits } from '../operation-limits';

/*
 * The limits with their default settings against the committed API schema: what analysts run must
 * pass, what only amplifies must not.
 */
// The gateway serves @defer on queries (gateway/src/defer) beside the API schema; an example uses it.
const schema = buildSchema(
  `${readFileSync(join(__dirname, '..', '..', '..', '..', 'schema', 'api.graphql'), 'utf8')}\ndirective @defer(label: String, if: Boolean! = true) on FRAGMENT_SPREAD | INLINE_FRAGMENT\n`,
);
const config = loadGatewayConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', JWT_SECRET: 'x'.repeat(32), INTERNAL_JWT_SECRET: 'y'.repeat(32) });
const limits = createOperationLimits(config);

/** The analysts' overview: organisations with their datasets, where those were presented, training offers and events. */
const OVERVIEW = /* GraphQL */ `
  query Overview($first: Int!) {
    organizations(first: $first) {
      totalCount
      edges {
        node {
          id
          name
          datasets { id title { fr } presentedAt { id title } }
          trainingOffers { id title }
          organizedEvents { id title }
        }
      }
    }
  }
`;

function check(query: string, variables: Record<string, unknown> = {}): { rules: string[]; cost: number } {
  const document: DocumentNode = parse(query, limits.parseOptions);
  const rules = validate(schema, document, [...specifiedRules, ...limits.validationRules]).map((e) => e.message);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const cost = limits.costLimit!.cost(schema, document, operation, operation.name?.value, variables);
  return { rules, cost };
}

describe('operation limits with their defaults', () => {
  it('count every leaf (at least 1) and every alias', () => {
    expect(config.COST_SCALAR).toBeGreaterThanOrEqual(1);
    expect(config.MAX_RESPONSE_BYTES).toBeGreaterThan(0);
  });

  it.each(loadExampleOperations().map((e) => [e.name, e] as const))('pass the playground example %s', (_name, example) => {
    const { rules, cost } = check(example.query, JSON.parse(example.variables) as Record<string, unknown>);
    expect(rules).toEqual([]);
    expect(limits.costLimit!.check(cost)).toBeUndefined();
  });

  it('pass the analysts\u2019 200-row overview', () => {
    const { rules, cost } = check(OVERVIEW, { first: 200 });
    expect(rules).toEqual([]);
    expect(cost).toBeGreaterThan(50_000);
    expect(limits.costLimit!.check(cost)).toBeUndefined();
  });

  it('refuse 1,000 aliased __typename (TOO_MANY_ALIASES), and cost them', () => {
    const aliases = Array.from({ length: 1000 }, (_, i) => `t${i}: __typename`).join(' ');
    const { rules, cost } = check(`{ ${aliases} }`);
    expect(rules.some((m) => /Aliases limit of 30 exceeded, found 1000/.test(m))).toBe(true);
    expect(cost).toBe(1000);
  });

  it('refuse a document past MAX_DEPTH, aliases and directives with messages that are not "Syntax Error:" (the document parsed)', () => {
    const deep = `{ ${'organizations(first: 1) { edges { node { '.repeat(5)}id${' } } }'.repeat(5)} }`;
    const aliases = Array.from({ length: 40 }, (_, i) => `t${i}: __typename`).join(' ');
    const directives = Array.from({ length: 60 }, () => '__typename @include(if: true)').join(' ');
    const messages = [...check(deep).rules, ...check(`{ ${aliases} }`).rules, ...check(`{ ${directives} }`).rules];
    const depth = messages.find((m) => /depth/i.test(m));
    expect(depth).toMatch(new RegExp(`^Query depth limit of ${config.MAX_DEPTH} exceeded, found \\d+`));
    expect(messages.some((m) => /^Aliases limit of/.test(m))).toBe(true);
    expect(messages.some((m) => /^Directives limit of/.test(m))).toBe(true);
    expect(messages.filter((m) => m.startsWith('Syntax Error'))).toEqual([]);
  });

  it('multiply a leaf by the list sizes above it: 1,500 __typename under 100 organisations cost 150,000+', () => {
    const aliases = Array.from({ length: 1500 }, (_, i) => `t${i}: __typename`).join(' ');
    const { rules, cost } = check(`{ organizations(first: 100) { edges { node { ${aliases} } } } }`);
    expect(rules.some((m) => /Aliases limit/.test(m))).toBe(true);
    expect(cost).toBeGreaterThan(150_000);
    expect(limits.costLimit!.check(cost)?.extensions.code).toBe('QUERY_TOO_COMPLEX');
  });
});

describe('the cost of one document, asked again with other variables', () => {
  it('is worked out for each variable set and remembered per set, never mixed up', () => {
    const document = parse(OVERVIEW, limits.parseOptions);
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    const costOf = (first: number): number => limits.costLimit!.cost(schema, document, operation, 'Overview', { first });
    const small = costOf(5);
    const large = costOf(500);
    expect(large).toBeGreaterThan(small);
    // Alternated, the same document object (as Apollo's document store hands it back) keeps each answer.
    for (let i = 0; i < 3; i++) {
      expect(costOf(5)).toBe(small);
      expect(costOf(500)).toBe(large);
    }
    expect(limits.costLimit!.check(costOf(5))).toBeUndefined();
    expect(costOf(5)).toBe(check(OVERVIEW, { first: 5 }).cost);
  });
});
