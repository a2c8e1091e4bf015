import { ApolloServer } from '@apollo/server';
import { print } from 'graphql';
import { bigIntLiteralsRule, installGraphScalars } from '../input-coercion';

/*
 * A long integer literal given for a BigInt reaches the plan as the string literal of its digits
 * (the planner would read it as a JavaScript number). The rewrite is a validation rule: Apollo Server
 * validates a document once and serves it from its document cache afterwards, so the second request
 * of the same text must get the rewritten document too.
 */
describe('bigIntLiteralsRule', () => {
  it('rewrites a long BigInt literal as a string, leaves Int and short literals alone, on the first request and from the document cache', async () => {
    const executed: string[] = [];
    const server = new ApolloServer({
      typeDefs: /* GraphQL */ `
        scalar BigInt
        type Query { count(min: BigInt, other: BigInt, limit: Int): String }
      `,
      resolvers: { Query: { count: (_: unknown, args: { min?: bigint }) => String(args.min) } },
      validationRules: [bigIntLiteralsRule],
      plugins: [
        {
          serverWillStart: ({ schema }) => {
            installGraphScalars(schema);
            return Promise.resolve();
          },
          requestDidStart: () =>
            Promise.resolve({
              executionDidStart: ({ document }) => {
                executed.push(print(document).replace(/\s+/g, ' '));
                return Promise.resolve();
              },
            }),
        },
      ],
    });
    await server.start();
    try {
      const query = '{ count(min: 9223372036854775807, other: 42, limit: 7) }';
      for (let i = 0; i < 2; i++) {
        const response = await server.executeOperation({ query });
        expect(response.body.kind === 'single' && response.body.singleResult).toEqual({ data: { count: '9223372036854775807' } });
      }
      expect(executed).toEqual([
        '{ count(min: "9223372036854775807", other: 42, limit: 7) }',
        '{ count(min: "9223372036854775807", other: 42, limit: 7) }',
      ]);
      // A long literal for an Int is refused by graphql's own rule, as before: the rule rewrites BigInt only.
      const refused = await server.executeOperation({ query: '{ count(limit: 9223372036854775807) }' });
      expect(refused.body.kind === 'single' && refused.body.singleResult.errors?.[0]?.message).toMatch(/Int cannot represent/);
    } finally {
      await server.stop();
    }
  });
});
