import { type ApolloServerPlugin, type BaseContext, type GraphQLRequestListener } from '@apollo/server';
import { dataJson } from '../cache/response-cache';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { type GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  getNamedType,
  GraphQLError,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
  type ValueNode,
  type GraphQLOutputType,
} from 'graphql';
import { type GatewayConfig } from '../config';
import { GatewayErrorCode } from '../security/refuse';

export interface OperationLimits {
  /** Depth, aliases and directives (graphql-armor validation rules): run once per distinct document. */
  validationRules: ValidationRule[];
  /** Field-suggestion masking (graphql-armor) and the list-aware cost limit. */
  plugins: ApolloServerPlugin<BaseContext>[];
  /** graphql-js stops lexing past MAX_TOKENS (parse error re-coded TOO_MANY_TOKENS). */
  parseOptions: { maxTokens: number };
  /** The cost limit (MAX_COST > 0). */
  costLimit: CostLimit | undefined;
}

function rejectWith(code: GatewayErrorCode): GraphQLArmorRejectCallback[] {
  return [
    (context, error) => {
      // Apollo re-codes validation errors GRAPHQL_VALIDATION_FAILED; `limit` carries ours to formatError.
      // graphql-armor prefixes its messages "Syntax Error: ", which reads as a parse error of a well-formed document.
      const message = error.message.replace(/^Syntax Error: /, '');
      context?.reportError(new GraphQLError(message, { extensions: { code, limit: code, http: { status: 400 } } }));
    },
  ];
}

/** The settings the limits read: the MAX_* and COST_* settings, and whether suggestions are blocked. */
export type OperationLimitsConfig = Pick<
  GatewayConfig,
  'COST_FIELD_WEIGHTS' | 'COST_LIST_SIZE' | 'COST_LIST_SIZES' | 'COST_OBJECT' | 'COST_SCALAR' | 'MAX_ALIASES' | 'MAX_COST' | 'MAX_DEPTH' | 'MAX_DIRECTIVES' | 'MAX_RESPONSE_BYTES' | 'MAX_TOKENS'
> & { settings: Pick<GatewayConfig['settings'], 'blockFieldSuggestions'> };

/**
 * Limits compiled once at start. graphql-armor's rules run in Apollo's validation step, whose result
 * is cached per document, so a known document costs nothing more. The cost limit needs variables
 * (`first: $n`), so it runs in didResolveOperation, before any query plan or subgraph fetch; a cost
 * that does not depend on variables is cached per document.
 */
export function createOperationLimits(config: OperationLimitsConfig): OperationLimits {
  const armor = new ApolloArmor({
    blockFieldSuggestion: { enabled: config.settings.blockFieldSuggestions },
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    maxDepth: {
      n: config.MAX_DEPTH,
      propagateOnRejection: false,
      onReject: rejectWith(GatewayErrorCode.QUERY_TOO_DEEP),
      exposeLimits: true,
    },
    maxAliases: {
      n: config.MAX_ALIASES,
      // graphql-armor lets `__typename` aliases through by default: 1,000 of them cost a subgraph as much as any field.
      allowList: [],
      propagateOnRejection: false,
      onReject: rejectWith(GatewayErrorCode.TOO_MANY_ALIASES),
      exposeLimits: true,
    },
    maxDirectives: {
      n: config.MAX_DIRECTIVES,
      propagateOnRejection: false,
      onReject: rejectWith(GatewayErrorCode.TOO_MANY_DIRECTIVES),
      exposeLimits: true,
    },
  });
  const protection = armor.protect();
  const costLimit = config.MAX_COST > 0 ? createCostLimit(config) : undefined;
  const plugins: ApolloServerPlugin<BaseContext>[] = [
    operationLimitsPlugin(costLimit, config.MAX_RESPONSE_BYTES),
    ...(protection.plugins as ApolloServerPlugin<BaseContext>[]),
  ];
  return { validationRules: protection.validationRules, plugins, parseOptions: { maxTokens: config.MAX_TOKENS }, costLimit };
}

interface CostSettings {
  objectCost: number;
  scalarCost: number;
  listSize: number;
  weights: Map<string, number>;
  listSizes: Map<string, number>;
}

const SIZE_ARGUMENTS = ['first', 'last', 'limit', 'take'];

/**
 * Cost of a selection: each field costs its weight (COST_FIELD_WEIGHTS, else COST_OBJECT or
 * COST_SCALAR; `__typename` is a leaf like any other) plus what it selects, per item: a list field multiplies both by its size: the
 * first/last/limit argument when given, else COST_LIST_SIZES / COST_LIST_SIZE. A connection
 * (a non-list field with `first`) multiplies its `edges`/`nodes` instead.
 */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  settings: CostSettings,
): { cost: number; usesVariables: boolean } {
  let usesVariables = false;
  const sizeOf = (value: ValueNode): number | undefined => {
    if (value.kind === Kind.INT) return Number(value.value);
    if (value.kind === Kind.VARIABLE) {
      usesVariables = true;
      const v = variables[value.name.value];
      return typeof v === 'number' ? v : undefined;
    }
    return undefined;
  };
  const visiting = new Set<string>();
  // `connectionSize`: the first/last of the connection field above, which sizes its edges/nodes lists.
  const selectionCost = (selectionSet: SelectionSetNode, parent: GraphQLNamedType, connectionSize?: number): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name === '__typename') {
          total += settings.scalarCost;
          continue;
        }
        if (name.startsWith('__')) continue;
        const fields = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields() : undefined;
        const field: GraphQLField<unknown, unknown> | undefined = fields?.[name];
        if (!field) continue;
        const key = `${parent.name}.${name}`;
        const named = getNamedType(field.type);
        const own = settings.weights.get(key) ?? (isLeafType(named) ? settings.scalarCost : settings.objectCost);
        let multiplier = 1;
        let sized: number | undefined;
        for (const argument of selection.arguments ?? []) {
          if (SIZE_ARGUMENTS.includes(argument.name.value)) sized = sizeOf(argument.value) ?? sized;
        }
        const list = isList(field.type);
        let childConnectionSize: number | undefined;
        if (sized !== undefined && list) multiplier = Math.max(sized, 1);
        else if (sized !== undefined) childConnectionSize = Math.max(sized, 1); // a connection: sizes its edges/nodes
        else if (list && connectionSize !== undefined && (name === 'edges' || name === 'nodes')) multiplier = connectionSize;
        else if (list) multiplier = settings.listSizes.get(key) ?? settings.listSize;
        const children = selection.selectionSet ? selectionCost(selection.selectionSet, named, childConnectionSize) : 0;
        total += multiplier * (own + children);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const typeName = selection.typeCondition?.name.value;
        const type = typeName ? schema.getType(typeName) : parent;
        total += selectionCost(selection.selectionSet, type ?? parent, connectionSize);
      } else {
        const name = selection.name.value;
        const fragment = fragments[name];
        if (!fragment || visiting.has(name)) continue;
        visiting.add(name);
        const type = schema.getType(fragment.typeCondition.name.value) ?? parent;
        total += selectionCost(fragment.selectionSet, type, connectionSize);
        visiting.delete(name);
      }
    }
    return total;
  };
  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  const cost = root ? selectionCost(operation.selectionSet, root) : 0;
  return { cost, usesVariables };
}

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

/** The cost limit: an operation's cost for its variables, and the error past MAX_COST. */
export interface CostLimit {
  readonly maxCost: number;
  /** The operation's cost (cached per document when it does not depend on variables). */
  cost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, operationName: string | null | undefined, variables: Record<string, unknown>): number;
  /** The QUERY_TOO_COMPLEX error when `cost` is over the limit, else undefined. */
  check(cost: number): GraphQLError | undefined;
}

/** Variable sets whose cost is remembered per document (then forgotten and learnt again). */
const MAX_VARIABLE_COSTS = 1000;

function createCostLimit(config: OperationLimitsConfig): CostLimit {
  const settings: CostSettings = {
    objectCost: config.COST_OBJECT,
    scalarCost: config.COST_SCALAR,
    listSize: config.COST_LIST_SIZE,
    weights: config.COST_FIELD_WEIGHTS,
    listSizes: config.COST_LIST_SIZES,
  };
  const maxCost = config.MAX_COST;
  // Per document (Apollo's document store hands back the same object for a known document).
  const staticCosts = new WeakMap<DocumentNode, Map<string | null, number>>();
  // A cost that depends on variables, per document and variables text: a page asked again and again
  // (the same few variable sets) is costed once.
  const variableCosts = new WeakMap<DocumentNode, Map<string, number>>();
  return {
    maxCost,
    cost(schema, document, operation, operationName, variables) {
      let cost = staticCosts.get(document)?.get(operationName ?? null);
      if (cost !== undefined) return cost;
      const byVariables = variableCosts.get(document);
      const key = byVariables ? `${operationName ?? ''}\n${JSON.stringify(variables)}` : undefined;
      if (key !== undefined) {
        cost = byVariables!.get(key);
        if (cost !== undefined) return cost;
      }
      const fragments: Record<string, FragmentDefinitionNode> = {};
      for (const definition of document.definitions) {
        if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
      }
      const result = operationCost(schema, operation, fragments, variables, settings);
      cost = result.cost;
      if (!result.usesVariables) {
        let byName = staticCosts.get(document);
        if (!byName) staticCosts.set(document, (byName = new Map()));
        byName.set(operationName ?? null, cost);
      } else {
        let costs = byVariables;
        if (!costs) variableCosts.set(document, (costs = new Map()));
        if (costs.size >= MAX_VARIABLE_COSTS) costs.clear();
        costs.set(key ?? `${operationName ?? ''}\n${JSON.stringify(variables)}`, cost);
      }
      return cost;
    },
    check(cost) {
      if (cost <= maxCost) return undefined;
      return new GraphQLError(`Query cost ${cost} exceeds the limit of ${maxCost}`, {
        extensions: { code: GatewayErrorCode.QUERY_TOO_COMPLEX, cost, maxCost, http: { status: 400 } },
      });
    },
  };
}

/**
 * The limits' one Apollo Server plugin, its hooks shared by every request (they keep no state):
 * Apollo Server runs each stage of every request over every plugin's hooks, so the three checks
 * in one plugin are one call per stage, not three.
 *
 * - A document without the operation the request names (or with several and no name): a 400 with
 *   Apollo Server's OPERATION_RESOLUTION_FAILURE. Apollo Server leaves it to the executor, and
 *   @apollo/gateway's throws a plain error there, which came out as a 500 "Internal server error".
 * - The cost limit (`costLimit`), before any query plan or subgraph fetch.
 * - A bound on what the gateway sends back (`maxResponseBytes` > 0): past it, the answer is replaced
 *   by a RESPONSE_TOO_LARGE error (HTTP 400), whatever the cost estimate said (long texts, large
 *   lists the estimate sized by default).
 */
function operationLimitsPlugin(costLimit: CostLimit | undefined, maxResponseBytes: number): ApolloServerPlugin<BaseContext> {
  const hooks: GraphQLRequestListener<BaseContext> = {
    async didResolveOperation({ document, operation, operationName, request, schema }) {
      if (!operation) throw unresolvedOperation(document, request.operationName);
      if (!costLimit) return;
      const error = costLimit.check(costLimit.cost(schema, document, operation, operationName, request.variables ?? {}));
      if (error) throw error;
    },
  };
  if (maxResponseBytes > 0) {
    hooks.willSendResponse = async ({ response }) => {
      const body = response.body;
      if (body.kind !== 'single' || !body.singleResult.data) return;
      const { data } = body.singleResult;
      // Data still as JSON text (a stored response, a single fetch's answer) is measured as it is;
      // other data is serialised once, for this check and for the body (dataJson).
      const bytes = Buffer.byteLength(dataJson(data));
      if (bytes <= maxResponseBytes) return;
      body.singleResult = {
        errors: [
          new GraphQLError(`The response (${bytes} bytes) exceeds the limit of ${maxResponseBytes} bytes: ask for fewer items or fields`, {
            extensions: { code: GatewayErrorCode.RESPONSE_TOO_LARGE, maxBytes: maxResponseBytes },
          }),
        ],
      };
      response.http.status = 400;
    };
  }
  return { requestDidStart: async () => hooks };
}

function unresolvedOperation(document: DocumentNode, name: string | null | undefined): GraphQLError {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length;
  const message = name
    ? `Unknown operation named "${name}".`
    : operations > 1
      ? 'Must provide operation name if query contains multiple operations.'
      : 'Must provide an operation.';
  return new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } });
}

/** graphql-js's "Document contains more than N tokens" parse error, re-coded. */
export function isTooManyTokens(message: string): boolean {
  return /^Syntax Error: Document contains more tha[nt] \d+ tokens/.test(message);
}

