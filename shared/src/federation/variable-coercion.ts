import { type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { getVariableValues, GraphQLError, type GraphQLSchema, type OperationDefinitionNode, type VariableDefinitionNode } from 'graphql';

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

/** Variables texts remembered as valid per operation (then forgotten and learnt again). */
const MAX_VALID_PER_OPERATION = 1000;
/** Longer variables texts are coerced every time: keeping them would cost more than coercing. */
const MAX_REMEMBERED_LENGTH = 4096;

/**
 * Variables texts that coerced without error, per schema and operation. Coercion depends on nothing
 * else (the scalars' parsers are pure), and Apollo Server's document store hands back the same
 * operation node for a known document, so a page asked again and again is coerced once.
 */
const validVariables = new WeakMap<GraphQLSchema, WeakMap<OperationDefinitionNode, Set<string>>>();

function rememberedValid(schema: GraphQLSchema, operation: OperationDefinitionNode): Set<string> {
  let byOperation = validVariables.get(schema);
  if (!byOperation) validVariables.set(schema, (byOperation = new WeakMap()));
  let valid = byOperation.get(operation);
  if (!valid) byOperation.set(operation, (valid = new Set()));
  return valid;
}

/**
 * The refusal of variables that do not coerce to their definitions: BAD_USER_INPUT (HTTP 400) naming
 * the variable or the field inside it (`extensions.field`), every problem in `problems`; undefined
 * when they coerce. graphql-js's own coercion error names neither.
 */
export function variableCoercionRefusal(
  schema: GraphQLSchema,
  definitions: readonly VariableDefinitionNode[],
  variables: Record<string, unknown>,
): GraphQLError | undefined {
  const { errors } = getVariableValues(schema, definitions, variables, { maxErrors: 20 });
  if (!errors || errors.length === 0) return undefined;
  const problems = errors.map((error) => ({ field: fieldOf(error), message: shortened(error.message) }));
  const first = problems[0]!;
  return new GraphQLError(first.message, {
    extensions: { code: 'BAD_USER_INPUT', field: first.field, problems, http: { status: 400 } },
  });
}

/**
 * Coerces the variables against the schema before anything runs (at the gateway: before the query
 * plan and any subgraph fetch, against the API schema with the real scalars; in a subgraph: before
 * any resolver): a bad value is the caller's fault, BAD_USER_INPUT (HTTP 400) naming the variable or
 * the field inside it (`extensions.field`), with every problem in `problems`. Apollo Server's own
 * coercion error names neither. Variables that coerced once for an operation are not coerced again.
 */
export function variableCoercionPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request, schema }) {
          const definitions = operation?.variableDefinitions;
          if (!definitions || definitions.length === 0) return;
          const variables = request.variables ?? {};
          const text = JSON.stringify(variables);
          const valid = text.length <= MAX_REMEMBERED_LENGTH ? rememberedValid(schema, operation) : undefined;
          if (valid?.has(text)) return;
          const refusal = variableCoercionRefusal(schema, definitions, variables);
          if (refusal) throw refusal;
          if (valid) {
            if (valid.size >= MAX_VALID_PER_OPERATION) valid.clear();
            valid.add(text);
          }
        },
      };
    },
  };
}
