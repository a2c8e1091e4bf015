import { Supergraph } from '@apollo/federation-internals';
import { filterSchema, pruneSchema } from '@graphql-tools/utils';
import {
  type DirectiveNode,
  getNamedType,
  type GraphQLSchema,
  isIntrospectionType,
  isObjectType,
  isInterfaceType,
  Kind,
  lexicographicSortSchema,
  parse,
  validateSchema,
} from 'graphql';

/** The tag that puts a type or a root field in the public contract. */
export const PUBLIC_TAG = 'public';
/** The tag that keeps a field of a public type out of the public contract. */
export const PRIVATE_TAG = 'private';

/** The public contract could not be derived from a supergraph: one message per problem. */
export class ContractError extends Error {
  constructor(readonly problems: string[]) {
    super(`The public contract is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ContractError';
  }
}

interface Tags {
  /** Tag names per type name. */
  types: Map<string, Set<string>>;
  /** Tag names per `Type.field` (input fields too). */
  fields: Map<string, Set<string>>;
  /** Tag names per `Type.field(argument:)`. */
  arguments: Map<string, Set<string>>;
  /** Types some subgraph declares with a key: entities. */
  entities: Set<string>;
}

function argumentString(directive: DirectiveNode, name: string): string | undefined {
  const argument = directive.arguments?.find((a) => a.name.value === name);
  return argument?.value.kind === Kind.STRING ? argument.value.value : undefined;
}

/** The @tag name the supergraph uses (a @link may rename it) and the join spec's @join__type. */
function tagDirectiveName(document: ReturnType<typeof parse>): string {
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const directive of definition.directives ?? []) {
      const url = argumentString(directive, 'url');
      if (directive.name.value === 'link' && url?.startsWith('https://specs.apollo.dev/tag/')) return argumentString(directive, 'as') ?? 'tag';
    }
  }
  return 'tag';
}

/** Reads the @tag directives and the entities (types with a @join__type key) of a supergraph. */
function readTags(supergraphSdl: string): Tags {
  const document = parse(supergraphSdl);
  const tag = tagDirectiveName(document);
  const tags: Tags = { types: new Map(), fields: new Map(), arguments: new Map(), entities: new Set() };
  const add = (map: Map<string, Set<string>>, key: string, directives: readonly DirectiveNode[] | undefined): void => {
    for (const directive of directives ?? []) {
      if (directive.name.value !== tag) continue;
      const name = argumentString(directive, 'name');
      if (!name) continue;
      if (!map.has(key)) map.set(key, new Set());
      map.get(key)!.add(name);
    }
  };
  for (const definition of document.definitions) {
    if (!('name' in definition) || !definition.name || !('directives' in definition)) continue;
    const typeName = definition.name.value;
    add(tags.types, typeName, definition.directives);
    if (definition.directives?.some((d) => d.name.value === 'join__type' && argumentString(d, 'key') !== undefined)) tags.entities.add(typeName);
    if ('fields' in definition) {
      for (const field of definition.fields ?? []) {
        add(tags.fields, `${typeName}.${field.name.value}`, field.directives);
        if ('arguments' in field) {
          for (const argument of field.arguments ?? []) add(tags.arguments, `${typeName}.${field.name.value}(${argument.name.value}:)`, argument.directives);
        }
      }
    }
  }
  return tags;
}

/**
 * The public contract of a supergraph, its API schema filtered by tags:
 * - a root field is in it when tagged `public` (nothing else of Query; no Mutation, no Subscription
 *   unless tagged too);
 * - an entity (a type with a key) is in it when tagged `public`; other object types (connections,
 *   facets, values such as Address) follow the fields that reach them;
 * - a field of a type in the contract is in it unless tagged `private` or its type is not in the
 *   contract (a field returning a private entity drops out with it);
 * - an input field or an argument is in it unless tagged `private`: a filter that selects by a
 *   private entity (events by speaker) would otherwise answer, anonymously, what the private
 *   field hides. Input ids carry no type, so the tag cannot be inferred: the contract tests keep
 *   an allow-list of the ID inputs the contract may take.
 * Private by default, then: a new entity or root field is public only when a subgraph says so.
 * Problems (a root field tagged public whose type is private, an empty type) are returned, not
 * thrown, so that composition can report them with its own.
 */
export function deriveContract(supergraphSdl: string, apiSchema?: GraphQLSchema): { schema: GraphQLSchema; problems: string[] } {
  const tags = readTags(supergraphSdl);
  const api = apiSchema ?? Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  const rootNames = new Set([api.getQueryType()?.name, api.getMutationType()?.name, api.getSubscriptionType()?.name].filter(Boolean));
  const has = (map: Map<string, Set<string>>, key: string, tag: string): boolean => map.get(key)?.has(tag) ?? false;
  const typeInContract = (name: string): boolean => {
    if (rootNames.has(name)) return true;
    if (has(tags.types, name, PRIVATE_TAG)) return false;
    const type = api.getType(name);
    if (!type || !(isObjectType(type) || isInterfaceType(type))) return true;
    return !tags.entities.has(name) || has(tags.types, name, PUBLIC_TAG);
  };
  const problems: string[] = [];
  const fieldInContract = (typeName: string, fieldName: string): boolean => {
    const coordinate = `${typeName}.${fieldName}`;
    const publicField = has(tags.fields, coordinate, PUBLIC_TAG);
    if (rootNames.has(typeName) && !publicField) return false;
    if (has(tags.fields, coordinate, PRIVATE_TAG)) return false;
    const type = api.getType(typeName);
    const field = type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields()[fieldName] : undefined;
    const returned = field ? getNamedType(field.type).name : undefined;
    if (returned && !typeInContract(returned)) {
      if (publicField) problems.push(`${coordinate} is tagged "${PUBLIC_TAG}" but returns ${returned}, which is not in the public contract (tag it "${PUBLIC_TAG}")`);
      return false;
    }
    return true;
  };
  const filtered = filterSchema({
    schema: api,
    typeFilter: (name) => typeInContract(name),
    rootFieldFilter: (operation, fieldName) => fieldInContract(operation, fieldName),
    objectFieldFilter: (typeName, fieldName) => fieldInContract(typeName, fieldName),
    interfaceFieldFilter: (typeName, fieldName) => fieldInContract(typeName, fieldName),
    inputObjectFieldFilter: (typeName, fieldName) => !has(tags.fields, `${typeName}.${fieldName}`, PRIVATE_TAG),
    argumentFilter: (typeName, fieldName, argumentName) =>
      !typeName || !fieldName || !argumentName || !has(tags.arguments, `${typeName}.${fieldName}(${argumentName}:)`, PRIVATE_TAG),
  });
  const schema = lexicographicSortSchema(pruneSchema(filtered));
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type)) continue;
    if ((isObjectType(type) || isInterfaceType(type)) && Object.keys(type.getFields()).length === 0) {
      problems.push(`${type.name} has no field in the public contract`);
    }
  }
  if (!schema.getQueryType()) problems.push(`no root field is tagged "${PUBLIC_TAG}": the public contract has no Query`);
  if (problems.length === 0) problems.push(...validateSchema(schema).map((e) => e.message));
  return { schema, problems };
}

/** The public contract, or a ContractError listing why the supergraph leaves it invalid. */
export function contractOf(supergraphSdl: string, apiSchema?: GraphQLSchema): GraphQLSchema {
  const { schema, problems } = deriveContract(supergraphSdl, apiSchema);
  if (problems.length > 0) throw new ContractError(problems);
  return schema;
}

/** Whether a supergraph tags anything for the public contract (a supergraph of untagged partner-only subgraphs has none). */
export function hasPublicTags(supergraphSdl: string): boolean {
  const tags = readTags(supergraphSdl);
  for (const set of [...tags.types.values(), ...tags.fields.values()]) if (set.has(PUBLIC_TAG)) return true;
  return false;
}
