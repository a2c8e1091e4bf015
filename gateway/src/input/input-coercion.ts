import { type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { GRAPH_SCALARS } from '@ecosystem/shared';
import { getVariableValues, GraphQLError, type GraphQLSchema, isScalarType } from 'graphql';

/**
 * The supergraph carries custom scalars as names only: in the gateway's API schema `DateTime`,
 * `LocalDate` and `BigInt` accept anything, so a bad value used to travel to the subgraph, whose
 * variable-coercion error (an HTTP 400) the gateway then reported as an internal error. The shared
 * implementations the subgraphs use are put in their place, in the schema object Apollo Server
 * validates literals against and this module's plugin coerces variables against. The gateway never
 * serializes a subgraph's scalar again (it copies the value), so only parsing changes.
 */
export function installGraphScalars(apiSchema: GraphQLSchema): void {
  for (const implementation of GRAPH_SCALARS) {
    const type = apiSchema.getType(implementation.name);
    if (!type || !isScalarType(type)) continue;
    type.parseValue = implementation.parseValue;
    type.parseLiteral = implementation.parseLiteral;
    type.description = implementation.description;
  }
}

/**
 * `Variable "$input" got invalid value "x" at "input.steps[0].start"; ...` -> `input.steps.0.start`
 * (the dotted paths the subgraphs' validation uses); else the variable's name.
 */
function fieldOf(error: GraphQLError): string | undefined {
  const at = /^Variable "\$([^"]+)" got invalid value .*? at "([^"]+)";/s.exec(error.message);
  if (at) return at[2]!.replace(/\[(\d+)\]/g, '.$1');
  return /^Variable "\$([^"]+)"/.exec(error.message)?.[1];
}

/** graphql-js's messages quote the value; a 5,000-character value is not echoed back whole. */
function shortened(message: string): string {
  return message.replace(/got invalid value (.{80}).+?(;| at ")/s, 'got invalid value $1…$2');
}

/**
 * Coerces the variables against the API schema (with the real scalars) before the query plan and
 * any subgraph fetch: a bad value is the caller's fault, BAD_USER_INPUT (HTTP 400) naming the
 * variable or the field inside it (`extensions.field`), with every problem in `problems`.
 */
export function variableCoercionPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request, schema }) {
          const definitions = operation?.variableDefinitions;
          if (!definitions || definitions.length === 0) return;
          const { errors } = getVariableValues(schema, definitions, request.variables ?? {}, { maxErrors: 20 });
          if (!errors || errors.length === 0) return;
          const problems = errors.map((error) => ({ field: fieldOf(error), message: shortened(error.message) }));
          const first = problems[0]!;
          throw new GraphQLError(first.message, {
            extensions: { code: 'BAD_USER_INPUT', field: first.field, problems, http: { status: 400 } },
          });
        },
      };
    },
  };
}
