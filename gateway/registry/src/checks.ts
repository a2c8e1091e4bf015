import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import {
  type ConstDirectiveNode,
  type DefinitionNode,
  type DocumentNode,
  findBreakingChanges,
  findDangerousChanges,
  type GraphQLError,
  type GraphQLSchema,
  Kind,
  parse,
  print,
  validate,
} from 'graphql';
import { fetchSubgraphSdl } from './supergraph/compose';
import { crossSubgraphFields, entityOwners, nullabilityReason, queryRootFields, rootNullabilityReason } from './supergraph/nullability';
import { type ManifestEntry } from './registry.entities';
import { type OwnershipPolicy } from './policy';
import { type RoutingHosts } from './routing-hosts';

/** Which of the four checks found the problem (plus `name` for the subgraph name rules). */
export type CheckName = 'name' | 'reachability' | 'composition' | 'policy' | 'breaking';

/** One thing a partner must fix, located as precisely as the check allows. */
export interface CheckProblem {
  check: CheckName;
  message: string;
  code?: string;
  subgraph?: string;
  type?: string;
  field?: string;
  /** For `breaking`: the recorded operation that would break. */
  operation?: string;
  /** The request's input at fault, when it is one (`url` for ROUTING_URL_NOT_ALLOWED). */
  input?: 'url';
}

export interface SchemaChange {
  type: string;
  description: string;
}

/** What the checks said about a candidate: `problems` refuse it; `warnings` and `changes` inform. */
export interface CheckReport {
  problems: CheckProblem[];
  warnings: CheckProblem[];
  /** Breaking and dangerous changes of the API schema against the serving supergraph. */
  changes: SchemaChange[];
  /** Recorded operations validated against the candidate API schema. */
  operationsChecked: number;
  /** The composed candidate, when composition succeeded. */
  supergraphSdl?: string;
}

/** A recorded client operation. */
export interface RecordedOperation {
  operationName: string | null;
  document: string;
  lastSeen: Date;
}

const COORDINATE = /"([A-Za-z_]\w*)\.([A-Za-z_]\w*)"/;
const TYPE_NAME = /[Tt]ype "([A-Za-z_]\w*)"/;
const SUBGRAPH_PREFIX = /^\[([\w-]+)\]/;

/** Composition with @apollo/composition: each error with the subgraph(s), type and field it concerns. */
export function composeCandidate(sources: ManifestEntry[]): { supergraphSdl?: string; problems: CheckProblem[] } {
  const documents: { name: string; url: string; typeDefs: DocumentNode }[] = [];
  const problems: CheckProblem[] = [];
  for (const source of sources) {
    try {
      documents.push({ name: source.name, url: source.url, typeDefs: parse(source.sdl) });
    } catch (error) {
      problems.push({ check: 'composition', code: 'INVALID_GRAPHQL', subgraph: source.name, message: `[${source.name}] ${(error as Error).message}` });
    }
  }
  if (problems.length > 0) return { problems };
  const result = composeServices(documents);
  if (!result.errors) return { supergraphSdl: result.supergraphSdl, problems };
  for (const error of result.errors) problems.push(describeCompositionError(error));
  return { problems };
}

function describeCompositionError(error: GraphQLError): CheckProblem {
  const subgraphs = new Set<string>();
  for (const node of error.nodes ?? []) {
    const subgraph = (node as { subgraph?: string }).subgraph;
    if (subgraph) subgraphs.add(subgraph);
  }
  const prefixed = SUBGRAPH_PREFIX.exec(error.message)?.[1];
  if (prefixed) subgraphs.add(prefixed);
  const problem: CheckProblem = {
    check: 'composition',
    code: typeof error.extensions.code === 'string' ? error.extensions.code : 'COMPOSITION_ERROR',
    message: error.message,
  };
  if (subgraphs.size > 0) problem.subgraph = [...subgraphs].join(', ');
  const coordinate = COORDINATE.exec(error.message);
  if (coordinate) {
    problem.type = coordinate[1];
    problem.field = coordinate[2];
  } else {
    const typeName = TYPE_NAME.exec(error.message)?.[1];
    if (typeName) problem.type = typeName;
  }
  return problem;
}

interface CoreTypeInfo {
  owners: Set<string>;
  kind: string;
  fields: Map<string, string>;
}

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

function directiveName(node: ConstDirectiveNode): string {
  return `@${node.name.value.replace(/^federation__/, '')}`;
}

type NamedDefinition = DefinitionNode & {
  name: { value: string };
  directives?: readonly ConstDirectiveNode[];
  fields?: readonly { name: { value: string }; directives?: readonly ConstDirectiveNode[] }[];
  values?: readonly { name: { value: string } }[];
};

/** Federation's own machinery (`_Service`, `_entities`, `link__Purpose`, `federation__FieldSet`) is no one's. */
function isFederationMachinery(name: string): boolean {
  return name.startsWith('_') || name.includes('__');
}

function namedDefinitions(document: DocumentNode): NamedDefinition[] {
  return document.definitions.filter(
    (d): d is NamedDefinition =>
      'name' in d && d.name !== undefined && d.kind !== Kind.DIRECTIVE_DEFINITION && !isFederationMachinery(d.name.value),
  );
}

function coreTypes(core: ManifestEntry[]): Map<string, CoreTypeInfo> {
  const types = new Map<string, CoreTypeInfo>();
  for (const subgraph of core) {
    for (const definition of namedDefinitions(parse(subgraph.sdl))) {
      const name = definition.name.value;
      const info = types.get(name) ?? { owners: new Set<string>(), kind: definition.kind, fields: new Map<string, string>() };
      info.owners.add(subgraph.name);
      for (const field of definition.fields ?? []) {
        if (!info.fields.has(field.name.value)) info.fields.set(field.name.value, subgraph.name);
      }
      for (const value of definition.values ?? []) info.fields.set(value.name.value, subgraph.name);
      types.set(name, info);
    }
  }
  return types;
}

/**
 * The ownership policy: a partner extends only the listed core entities, adds fields to them, and
 * never redefines, overrides or @shareable-copies a field a core subgraph owns.
 */
export function checkOwnership(
  policy: OwnershipPolicy,
  core: ManifestEntry[],
  partner: { name: string; sdl: string },
): CheckProblem[] {
  let document: DocumentNode;
  try {
    document = parse(partner.sdl);
  } catch {
    return []; // composition reports the syntax error
  }
  const problems: CheckProblem[] = [];
  const types = coreTypes(core);
  const extendable = Object.keys(policy.extendableEntities);
  const forbidden = new Set(policy.forbiddenDirectivesOnCoreTypes);
  const coreNames = new Set(policy.coreSubgraphs);
  const problem = (p: Omit<CheckProblem, 'check' | 'subgraph'>): void => {
    problems.push({ check: 'policy', subgraph: partner.name, ...p });
  };

  for (const definition of namedDefinitions(document)) {
    const typeName = definition.name.value;
    // @override(from: "<core>") takes a field away from a core subgraph, wherever it is.
    for (const field of definition.fields ?? []) {
      for (const directive of field.directives ?? []) {
        if (directiveName(directive) !== '@override') continue;
        const from = directive.arguments?.find((a) => a.name.value === 'from')?.value;
        const fromName = from?.kind === Kind.STRING ? from.value : '';
        if (coreNames.has(fromName)) {
          problem({
            code: 'OVERRIDES_CORE_FIELD',
            type: typeName,
            field: field.name.value,
            message: `${typeName}.${field.name.value} uses @override(from: "${fromName}"): partners may not take over a field a core subgraph resolves. Remove the @override and add a field of your own.`,
          });
        }
      }
    }
    const info = types.get(typeName);
    if (!info) continue; // the partner's own type
    const owners = [...info.owners].join(', ');
    if (ROOT_TYPES.has(typeName)) {
      for (const field of definition.fields ?? []) {
        const owner = isFederationMachinery(field.name.value) ? undefined : info.fields.get(field.name.value);
        if (owner) {
          problem({
            code: 'REDEFINES_CORE_ROOT_FIELD',
            type: typeName,
            field: field.name.value,
            message: `${typeName}.${field.name.value} is owned by the core subgraph "${owner}". Name your root fields after your campus (e.g. ${partner.name.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase())}${field.name.value[0]?.toUpperCase() ?? ''}${field.name.value.slice(1)}).`,
          });
        }
      }
      continue;
    }
    if (policy.sharedValueTypes.includes(typeName) || info.kind === Kind.SCALAR_TYPE_DEFINITION) continue;
    const entity = policy.extendableEntities[typeName];
    if (!entity) {
      problem({
        code: 'CORE_TYPE_NOT_EXTENDABLE',
        type: typeName,
        message: `Type ${typeName} is owned by the core subgraph "${owners}" and is not open to partners (ownership policy v${policy.version}). Extendable entities: ${extendable.join(', ')}; shared value types: ${policy.sharedValueTypes.join(', ')}. Rename your type (e.g. ${pascal(partner.name)}${typeName}).`,
      });
      continue;
    }
    for (const directive of definition.directives ?? []) {
      if (forbidden.has(directiveName(directive))) {
        problem({
          code: 'FORBIDDEN_DIRECTIVE',
          type: typeName,
          message: `${directiveName(directive)} on the core entity ${typeName} is not allowed for partners; declare it as \`type ${typeName} @key(fields: "${entity.key}")\` with your own fields only.`,
        });
      }
    }
    const keyFields = new Set(entity.key.split(/\s+/));
    for (const field of definition.fields ?? []) {
      const fieldName = field.name.value;
      const directives = (field.directives ?? []).map(directiveName);
      if (keyFields.has(fieldName)) continue;
      const owner = info.fields.get(fieldName);
      const external = directives.includes('@external');
      if (owner && !external) {
        problem({
          code: 'REDEFINES_CORE_FIELD',
          type: typeName,
          field: fieldName,
          message: `${typeName}.${fieldName} is owned by the core subgraph "${owner}": partners add fields but may not redefine, override or @shareable-copy a core field. Remove it, or add a field of your own (e.g. ${camel(partner.name)}${fieldName[0]?.toUpperCase() ?? ''}${fieldName.slice(1)}); to read it, declare it @external and use @requires.`,
        });
        continue;
      }
      for (const name of directives) {
        if (forbidden.has(name)) {
          problem({
            code: 'FORBIDDEN_DIRECTIVE',
            type: typeName,
            field: fieldName,
            message: `${name} on ${typeName}.${fieldName} is not allowed on a core entity: a partner's field is resolved by the partner alone.`,
          });
        }
      }
    }
  }
  return problems;
}

/**
 * The nullability rule (docs/development.md): every field the partner resolves that depends on
 * another subgraph (a field it adds to a core entity, or a reference to an entity another subgraph
 * owns) is nullable, so that losing one subgraph nulls that field and nothing above it. Owners come
 * from the serving supergraph: a candidate cannot make itself the owner of a core type. And every
 * Query field it resolves is nullable, so that a query combining it with another subgraph's root
 * field keeps that other field when the partner is down (one problem per field: a root field that
 * is also a cross-subgraph reference is reported as such).
 */
export function checkNullability(servingSdl: string, candidateSdl: string, partner: string): CheckProblem[] {
  const resolvedByPartner = (field: { subgraph: string }): boolean => field.subgraph.split(', ').includes(partner);
  const problems: CheckProblem[] = crossSubgraphFields(candidateSdl, entityOwners(servingSdl))
    .filter((field) => field.nonNull && resolvedByPartner(field))
    .map((field) => ({
      check: 'policy' as const,
      code: 'NON_NULL_CROSS_SUBGRAPH_FIELD',
      subgraph: partner,
      type: field.type,
      field: field.field,
      message: nullabilityReason(field),
    }));
  const reported = new Set(problems.map((p) => `${p.type}.${p.field}`));
  for (const field of queryRootFields(candidateSdl)) {
    if (!field.nonNull || !resolvedByPartner(field) || reported.has(field.coordinate)) continue;
    problems.push({ check: 'policy', code: 'NON_NULL_ROOT_FIELD', subgraph: partner, type: 'Query', field: field.field, message: rootNullabilityReason(field) });
  }
  return problems;
}

function camel(name: string): string {
  return name.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase());
}

function pascal(name: string): string {
  const c = camel(name);
  return `${c[0]?.toUpperCase() ?? ''}${c.slice(1)}`;
}

/** The client-facing (API) schema of a supergraph: what operations are validated against. */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/**
 * Breaking changes against the serving supergraph (reported) and against the recorded operations
 * (refusing): an operation that validates against the serving API schema and not against the
 * candidate's would fail for the clients that sent it.
 */
export function checkBreakingChanges(
  servingSdl: string | undefined,
  candidateSdl: string,
  operations: RecordedOperation[],
): { problems: CheckProblem[]; changes: SchemaChange[]; operationsChecked: number } {
  const candidate = apiSchemaOf(candidateSdl);
  const serving = servingSdl ? apiSchemaOf(servingSdl) : undefined;
  const changes: SchemaChange[] = serving
    ? [
        ...findBreakingChanges(serving, candidate).map((c) => ({ type: c.type, description: c.description })),
        ...findDangerousChanges(serving, candidate).map((c) => ({ type: c.type, description: c.description })),
      ]
    : [];
  const problems: CheckProblem[] = [];
  let operationsChecked = 0;
  for (const operation of operations) {
    let document: DocumentNode;
    try {
      document = parse(operation.document);
    } catch {
      continue;
    }
    if (serving && validate(serving, document).length > 0) continue; // already failing: not this change's doing
    operationsChecked += 1;
    const errors = validate(candidate, document);
    if (errors.length === 0) continue;
    const name = operation.operationName ?? operationNameIn(document);
    const coordinate = /field "([A-Za-z_]\w*)" on type "([A-Za-z_]\w*)"/.exec(errors[0]?.message ?? '');
    const located: CheckProblem = {
      check: 'breaking',
      code: 'BREAKS_RECORDED_OPERATION',
      operation: name,
      message: `The recorded operation ${name} (last sent ${operation.lastSeen.toISOString()}) would fail: ${errors.map((e) => e.message).join(' ')} Keep the field (deprecate it with @deprecated first), or ask an admin to force the publication.`,
    };
    if (coordinate) {
      located.type = coordinate[2];
      located.field = coordinate[1];
    }
    problems.push(located);
  }
  return { problems, changes, operationsChecked };
}

/** Normalised SDL for comparison: comments and formatting do not count. */
export function normaliseSdl(sdl: string): string {
  return print(parse(sdl));
}

/**
 * The subgraph's routing URL is one the operator lets partners use (PARTNER_ROUTING_HOSTS), checked
 * before anything connects to it; the subgraph answers there, at the addresses checked, and serves
 * the SDL that is being published.
 */
export async function checkReachability(
  name: string,
  url: string,
  publishedSdl: string | undefined,
  options: { timeoutMs: number; routingHosts: RoutingHosts },
): Promise<{ problems: CheckProblem[]; servedSdl?: string }> {
  const unreachable = (reason: string): { problems: CheckProblem[] } => ({
    problems: [
      {
        check: 'reachability',
        code: 'SUBGRAPH_UNREACHABLE',
        subgraph: name,
        message: `The gateway could not fetch the SDL of ${name} at ${url} (query { _service { sdl } }): ${reason}. Start the subgraph, and publish a routing URL the gateway can reach.`,
      },
    ],
  });
  const admission = await options.routingHosts.admit(url);
  if ('refused' in admission) {
    return {
      problems: [
        {
          check: 'reachability',
          code: 'ROUTING_URL_NOT_ALLOWED',
          subgraph: name,
          input: 'url',
          message: `${admission.refused} Nothing was fetched. Publish a routing URL on a host the gateway's operator lets partner subgraphs use (ask them which: PARTNER_ROUTING_HOSTS).`,
        },
      ],
    };
  }
  if ('unresolved' in admission) return unreachable(admission.unresolved);
  let served: string;
  try {
    served = await fetchSubgraphSdl(url, options.timeoutMs, admission.admitted.lookup);
  } catch (error) {
    return unreachable((error as Error).message);
  }
  if (publishedSdl === undefined) return { problems: [], servedSdl: served };
  let same: boolean;
  try {
    same = normaliseSdl(served) === normaliseSdl(publishedSdl);
  } catch {
    return { problems: [], servedSdl: served }; // composition reports the syntax error
  }
  if (same) return { problems: [], servedSdl: served };
  const servedLines = normaliseSdl(served).split('\n');
  const publishedLines = normaliseSdl(publishedSdl).split('\n');
  const line = publishedLines.findIndex((l, i) => l !== servedLines[i]);
  return {
    problems: [
      {
        check: 'reachability',
        code: 'SDL_MISMATCH',
        subgraph: name,
        message: `${name} at ${url} serves a different SDL than the one published (first difference, normalised line ${line + 1}: published "${publishedLines[line] ?? ''}", served "${servedLines[line] ?? ''}"). Deploy the subgraph first, then publish the SDL it serves (or omit the SDL to publish what it serves).`,
      },
    ],
    servedSdl: served,
  };
}

function operationNameIn(document: DocumentNode): string {
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) return definition.name?.value ?? '(anonymous)';
  }
  return '(anonymous)';
}
