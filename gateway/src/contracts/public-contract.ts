import { type ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerOptions } from '@apollo/server';
import {
  type GatewayExecutor,
  type GatewayInterface,
  type GatewaySchemaLoadOrUpdateCallback,
} from '@apollo/server-gateway-interface';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import { ContractError, contractOf, hasPublicTags } from '@ecosystem/registry';
import { type Logger, REFUSES_METHODS, withRequestIdOnRefusals } from '@ecosystem/shared';
import {
  type DocumentNode,
  execute,
  type FieldNode,
  type FragmentDefinitionNode,
  getOperationAST,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql';
import { type IncomingMessage } from 'node:http';
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { type GatewayContext } from '../context';
import { type GatewayHook } from '../http/hooks';
import { refuse } from '../security/refuse';
import { installGraphScalars } from '../input/input-coercion';

/** Where the public contract is served. */
export const PUBLIC_CONTRACT_PATH = '/public/graphql';

const INTROSPECTION_FIELDS = new Set(['__schema', '__type']);

/** The root fields of an operation, through its fragments (directives are kept on the fields only). */
function rootFields(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): FieldNode[] {
  const fields: FieldNode[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) fields.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) fields.push(...rootFields(selection.selectionSet, fragments, seen));
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      if (fragment) fields.push(...rootFields(fragment.selectionSet, fragments, seen));
    }
  }
  return fields;
}

/**
 * The public contract of the graph, served at PUBLIC_CONTRACT_PATH by a second Apollo Server whose
 * "gateway" is this object: Apollo Server validates every operation against the contract schema
 * (a private field is an unknown field there), then the one ApolloGateway executes it, its plan and
 * its subgraph calls exactly as for /graphql (the contract's operations are a subset of the graph's).
 * Only introspection is answered here, from the contract schema: the gateway would answer it from
 * the whole API schema.
 */
export class PublicContract implements GatewayInterface {
  private schema: GraphQLSchema | undefined;
  private why: { code: string; message: string } = { code: 'SERVICE_UNAVAILABLE', message: 'The public contract is not served yet' };
  private coreSupergraphSdl = '';
  private readonly listeners = new Set<GatewaySchemaLoadOrUpdateCallback>();
  private readonly loaded: Promise<void>;
  private markLoaded!: () => void;

  constructor(
    private readonly gateway: ApolloGateway,
    private readonly logger: Logger,
  ) {
    this.loaded = new Promise((resolve) => (this.markLoaded = resolve));
  }

  /** Why no contract is served, when `contractSchema` is undefined: the 503 that /public/graphql answers. */
  get notServed(): { code: string; message: string } {
    return this.why;
  }

  /** The contract schema being served, if any. */
  get contractSchema(): GraphQLSchema | undefined {
    return this.schema;
  }

  /**
   * Derives the contract from a supergraph the gateway now serves. The contract always follows the
   * served supergraph: one that tags nothing "public", or leaves the contract invalid (composition
   * refuses those, but a followed or shipped one is not composed here), serves no contract until a
   * valid one arrives; a previous contract over the new supergraph's executor would ask the subgraphs
   * for fields they may no longer have.
   */
  supergraphChanged(apiSchema: GraphQLSchema, coreSupergraphSdl: string): void {
    if (!hasPublicTags(coreSupergraphSdl)) {
      this.logger.warn('the supergraph tags nothing "public": the public contract is not served');
      this.schema = undefined;
      this.why = { code: 'SERVICE_UNAVAILABLE', message: 'The public contract is not served: the supergraph tags nothing "public"' };
      return;
    }
    try {
      const schema = contractOf(coreSupergraphSdl, apiSchema);
      installGraphScalars(schema);
      this.schema = schema;
      this.coreSupergraphSdl = coreSupergraphSdl;
    } catch (error) {
      if (!(error instanceof ContractError)) throw error;
      this.logger.error({ problems: error.problems }, 'the supergraph leaves the public contract invalid: the public contract is not served until a valid one arrives');
      this.schema = undefined;
      this.why = { code: 'PUBLIC_CONTRACT_INVALID', message: 'The public contract is not served: the supergraph served leaves it invalid' };
      return;
    }
    this.markLoaded();
    for (const listener of this.listeners) listener({ apiSchema: this.schema, coreSupergraphSdl: this.coreSupergraphSdl });
  }

  onSchemaLoadOrUpdate(callback: GatewaySchemaLoadOrUpdateCallback): () => void {
    this.listeners.add(callback);
    return () => this.listeners.delete(callback);
  }

  async load(): Promise<{ executor: GatewayExecutor }> {
    await this.loaded;
    for (const listener of this.listeners) listener({ apiSchema: this.schema!, coreSupergraphSdl: this.coreSupergraphSdl });
    return { executor: this.executor };
  }

  async stop(): Promise<void> {
    this.listeners.clear();
  }

  private readonly executor: GatewayExecutor = async (requestContext) => {
    const schema = this.schema!;
    const { document, request } = requestContext;
    const operation = getOperationAST(document, request.operationName);
    if (!operation) return this.gateway.executor(requestContext as never);
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    const fields = rootFields(operation.selectionSet, fragments);
    const introspection = fields.filter((f) => INTROSPECTION_FIELDS.has(f.name.value));
    if (introspection.length === 0) return this.gateway.executor(requestContext as never);
    const local = (selected: FieldNode[]) =>
      execute({
        schema,
        document: introspectionDocument(document, operation, selected),
        variableValues: request.variables,
      }) as { data?: Record<string, unknown> | null; errors?: readonly unknown[] };
    if (fields.every((f) => INTROSPECTION_FIELDS.has(f.name.value) || f.name.value === '__typename')) {
      return local(fields) as Awaited<ReturnType<GatewayExecutor>>;
    }
    const result = await this.gateway.executor(requestContext as never);
    const answered = local(introspection);
    if (!result.data || !answered.data) return result;
    return { ...result, data: { ...result.data, ...answered.data } };
  };
}

/**
 * Refuses an operation type the contract has not (a mutation): graphql-js leaves that to execution,
 * and the gateway, which has mutations, would answer it.
 */
const operationTypeInContractRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (context.getSchema().getRootType(node.operation)) return;
    context.reportError(new GraphQLError(`The public contract has no ${node.operation} operations`, { nodes: [node] }));
  },
});

/** The operation with only the given root fields (the fragments stay: execution ignores unused ones). */
function introspectionDocument(document: DocumentNode, operation: OperationDefinitionNode, fields: FieldNode[]): DocumentNode {
  return {
    kind: Kind.DOCUMENT,
    definitions: [
      { ...operation, selectionSet: { kind: Kind.SELECTION_SET, selections: fields } },
      ...document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION),
    ],
  };
}

export interface PublicContractServer {
  contract: PublicContract;
  apollo: ApolloServer<GatewayContext>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Adds its route to an app (or a scope of it). */
  route(app: FastifyInstance): void;
}

/**
 * The public contract, served at PUBLIC_CONTRACT_PATH (its `route`) behind the same policy handlers as /graphql
 * (identity, rate limits, body limits, the swap gate) and with the same Apollo options (operation
 * limits, masking, plugins), without the response cache and the fast path, which know the whole graph.
 */
export function createPublicContract(
  options: {
    gateway: ApolloGateway;
    logger: Logger;
    apolloOptions: Omit<ApolloServerOptions<GatewayContext>, 'gateway' | 'schema' | 'typeDefs' | 'resolvers'>;
    handlers: { onRequest: GatewayHook[]; preHandler: GatewayHook[] };
    contextFor: (req: IncomingMessage) => GatewayContext;
  },
): PublicContractServer {
  const contract = new PublicContract(options.gateway, options.logger);
  options.gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => contract.supergraphChanged(apiSchema, coreSupergraphSdl));
  const apollo = new ApolloServer<GatewayContext>({
    ...options.apolloOptions,
    validationRules: [...(options.apolloOptions.validationRules ?? []), operationTypeInContractRule],
    gateway: contract,
  } as ApolloServerOptions<GatewayContext>);
  type Handler = (request: FastifyRequest, reply: FastifyReply) => unknown;
  const unavailable: Handler = async (_request, reply) => {
    const { code, message } = contract.notServed;
    return refuse(reply, 503, code, message);
  };
  let serve: Handler = unavailable;
  let app: FastifyInstance | undefined;
  const route = (scope: FastifyInstance): void => {
    app = scope;
    const handler: Handler = (request, reply) => (contract.contractSchema ? serve : unavailable)(request, reply);
    scope.route({ method: ['GET', 'POST'], url: PUBLIC_CONTRACT_PATH, exposeHeadRoute: false, onRequest: options.handlers.onRequest, preHandler: options.handlers.preHandler, handler });
    // Apollo Server answers the methods it does not serve (405 with Allow).
    scope.route({ method: ['PUT', 'DELETE', 'PATCH'], url: PUBLIC_CONTRACT_PATH, config: REFUSES_METHODS, onRequest: options.handlers.onRequest, handler });
  };
  let started: Promise<void> | undefined;
  let stopped = false;
  const startApollo = (): Promise<void> =>
    (started ??= apollo.start().then(() => {
      const handler = fastifyApolloHandler(apollo, { context: async (request) => options.contextFor(request.raw) });
      serve = withRequestIdOnRefusals((request, reply) => handler.call(app!, request, reply));
    }));
  return {
    contract,
    apollo,
    route,
    async start() {
      // The gateway has loaded its supergraph before this is called.
      if (contract.contractSchema) return startApollo();
      options.logger.warn('no public contract: nothing served at ' + PUBLIC_CONTRACT_PATH + ' until a supergraph tags some');
      // A followed supergraph (a file, a registry process) may gain its tags later: served from then on.
      // Registered after the contract's own listener, so the contract is derived when this runs.
      const unsubscribe = options.gateway.onSchemaLoadOrUpdate(() => {
        if (!contract.contractSchema || stopped) return;
        unsubscribe();
        startApollo().catch((error: unknown) => options.logger.error({ err: error }, 'the public contract could not be served'));
      });
    },
    async stop() {
      stopped = true;
      if (started) await started.then(() => apollo.stop(), () => undefined);
    },
  };
}
