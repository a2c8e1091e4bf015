import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type DocumentNode, type GraphQLResolveInfo, type GraphQLSchema, isUnionType, parse } from 'graphql';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { authChecker } from '../auth/auth-checker';
import { BadUserInputError } from '../errors/app-error';
import { scalarsMap } from '../scalars/scalars';
import { type EntityStubClass, resolveStubReference, stubName } from './entity-stub';
import { validateInput } from './validate-input';

/** Federation spec version of every subgraph; v2.7 is the newest Apollo's compatibility suite accepts. */
export const FEDERATION_LINK = 'https://specs.apollo.dev/federation/v2.7';
export const FEDERATION_IMPORTS = [
  '@key',
  '@shareable',
  '@external',
  '@requires',
  '@provides',
  '@tag',
  '@inaccessible',
  '@override',
  '@interfaceObject',
  '@authenticated',
  '@requiresScopes',
] as const;

/**
 * `__resolveReference` per entity type name: type-graphql has no decorator for it. `info` is the
 * `_entities` field's: its selection tells what the fetch reads (projectionColumns).
 */
export type ReferenceResolvers<TContext> = Record<
  string,
  { __resolveReference: (reference: { id: string }, context: TContext, info: GraphQLResolveInfo) => unknown }
>;

export interface FederatedSchemaOptions<TContext> {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql's own type
  resolvers: NonEmptyArray<Function>;
  /** Types no resolver reaches; foreign entities go in `stubs` instead. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql's own type
  orphanedTypes?: Function[];
  referenceResolvers?: ReferenceResolvers<TContext>;
  /** Foreign entities the subgraph extends (classes declared with @EntityStub): orphaned types with their reference resolvers. */
  stubs?: EntityStubClass[];
  /** Where the subgraph's `@Subscription` resolvers listen (type-graphql's PubSub); only subgraphs with subscriptions. */
  pubSub?: Parameters<typeof buildSchema>[0]['pubSub'];
}

/** The `{ typeDefs, resolvers }` form buildSubgraphSchema takes, named through its public signature (the package exports no type for it). */
type SubgraphModule = Extract<Parameters<typeof buildSubgraphSchema>[0], { typeDefs: DocumentNode | DocumentNode[] }>;

function mergeResolvers(
  base: Record<string, Record<string, unknown>>,
  extra: Record<string, Record<string, unknown>>,
): Record<string, Record<string, unknown>> {
  const merged: Record<string, Record<string, unknown>> = { ...base };
  for (const [typeName, fields] of Object.entries(extra)) {
    merged[typeName] = { ...(merged[typeName] ?? {}), ...fields };
  }
  return merged;
}

/** type-graphql classes -> SDL with directives -> Federation 2 subgraph schema. */
export async function buildFederatedSchema<TContext>(
  options: FederatedSchemaOptions<TContext>,
): Promise<GraphQLSchema> {
  const stubs = options.stubs ?? [];
  const schema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: [...(options.orphanedTypes ?? []), ...stubs],
    authChecker,
    scalarsMap,
    validateFn: validateInput,
    ...(options.pubSub ? { pubSub: options.pubSub } : {}),
    // Subgraphs may have no Query of their own, and federation directives are unknown to graphql-js.
    skipCheck: true,
  });
  const link = `extend schema @link(url: "${FEDERATION_LINK}", import: [${FEDERATION_IMPORTS.map((d) => `"${d}"`).join(', ')}])`;
  const typeDefs = parse(`${link}\n${printSchemaWithDirectives(schema)}`);
  const stubReferences = Object.fromEntries(
    stubs.map((stub) => [stubName(stub), { __resolveReference: (reference: { id: string }) => resolveStubReference(stub, reference) }]),
  );
  const resolvers = mergeResolvers(
    createResolversMap(schema) as Record<string, Record<string, unknown>>,
    { ...stubReferences, ...(options.referenceResolvers ?? {}) } as Record<string, Record<string, unknown>>,
  );
  return refuseUnknownRepresentations(buildSubgraphSchema({ typeDefs, resolvers: resolvers as SubgraphModule['resolvers'] }));
}

/**
 * `_entities` refuses a representation that names no entity of this subgraph (an unknown, absent or
 * non-entity `__typename`, a value that is not an object) as the client's mistake: BAD_USER_INPUT
 * with field `representations`. @apollo/subgraph throws a plain Error for some (masked as
 * INTERNAL_SERVER_ERROR) and lets others fail later in the `_Entity` union's type resolution.
 */
function refuseUnknownRepresentations(schema: GraphQLSchema): GraphQLSchema {
  const entities = schema.getQueryType()?.getFields()._entities;
  const union = schema.getType('_Entity');
  if (!entities || !isUnionType(union)) return schema;
  const entityTypes = union.getTypes();
  const names = new Set([...entityTypes.map((type) => type.name), ...entityTypes.flatMap((type) => type.getInterfaces().map((i) => i.name))]);
  const resolve = entities.resolve!;
  entities.resolve = (source, args: { representations?: unknown }, context, info) => {
    const representations = Array.isArray(args.representations) ? args.representations : [];
    representations.forEach((representation: unknown, index) => {
      const typename = typeof representation === 'object' && representation !== null && !Array.isArray(representation)
        ? (representation as { __typename?: unknown }).__typename
        : undefined;
      if (typeof typename !== 'string' || !names.has(typename)) {
        throw new BadUserInputError(
          `representations[${index}] must be an object whose __typename names an entity of this subgraph`,
          'representations',
        );
      }
    });
    return resolve(source, args, context, info);
  };
  return schema;
}
