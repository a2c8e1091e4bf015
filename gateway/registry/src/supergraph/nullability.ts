import {
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  Kind,
  type ObjectTypeDefinitionNode,
  parse,
  type TypeNode,
} from 'graphql';

/**
 * The nullability rule of the composed graph (docs/development.md, "Nullability across subgraphs"):
 * a field that a subgraph resolves for a type another subgraph owns (a contributed field), and a
 * field that returns an entity another subgraph owns (a cross-subgraph reference), is nullable.
 * Losing that other subgraph then nulls the field alone; a non-null one would null its parent, and
 * GraphQL's null propagation would carry the loss up to the nearest nullable ancestor, often `data`.
 */
export interface CrossSubgraphField {
  /** `Type.field` */
  coordinate: string;
  type: string;
  field: string;
  /** The subgraph that resolves the field. */
  subgraph: string;
  /** `contributed`: the parent type is owned by another subgraph; `reference`: the field's type is. */
  kind: 'contributed' | 'reference';
  /** The subgraph whose loss would null the field: the parent's owner, or the referenced entity's. */
  dependsOn: string;
  /** The field's type as written, e.g. `[Dataset!]!`. */
  typeText: string;
  nonNull: boolean;
}

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

function directives(node: { directives?: readonly ConstDirectiveNode[] }, name: string): ConstDirectiveNode[] {
  return (node.directives ?? []).filter((d) => d.name.value === name);
}

function argument(directive: ConstDirectiveNode, name: string): string | boolean | undefined {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  if (!value) return undefined;
  if (value.kind === Kind.STRING || value.kind === Kind.ENUM) return value.value;
  if (value.kind === Kind.BOOLEAN) return value.value;
  return undefined;
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

function typeText(type: TypeNode): string {
  if (type.kind === Kind.NAMED_TYPE) return type.name.value;
  if (type.kind === Kind.LIST_TYPE) return `[${typeText(type.type)}]`;
  return `${typeText(type.type)}!`;
}

interface JoinedSupergraph {
  document: DocumentNode;
  /** join__Graph enum value (DATASETS) -> subgraph name (datasets). */
  graphNames: Map<string, string>;
  objects: ObjectTypeDefinitionNode[];
}

function joined(supergraphSdl: string): JoinedSupergraph {
  const document = parse(supergraphSdl);
  const graphNames = new Map<string, string>();
  const objects: ObjectTypeDefinitionNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph') {
      for (const value of definition.values ?? []) {
        const name = directives(value, 'join__graph')[0];
        graphNames.set(value.name.value, String((name && argument(name, 'name')) ?? value.name.value.toLowerCase()));
      }
    }
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION) objects.push(definition);
  }
  return { document, graphNames, objects };
}

/** The subgraphs that resolve a field: its @join__field graphs (not @external), else all of its type's. */
function resolvingGraphs(field: FieldDefinitionNode, typeGraphs: string[]): string[] {
  const joins = directives(field, 'join__field');
  if (joins.length === 0) return typeGraphs;
  return joins.filter((j) => argument(j, 'external') !== true && argument(j, 'graph') !== undefined).map((j) => String(argument(j, 'graph')));
}

/**
 * The owner of each entity type (an object type with a @key) of a supergraph: the subgraph that
 * resolves most of its fields, the key included. Other subgraphs that declare the entity do so to
 * add fields to it or to reference it; the owner is the one that describes it. Value types (no key,
 * shared by several subgraphs) have no owner.
 */
export function entityOwners(supergraphSdl: string): Map<string, string> {
  const { graphNames, objects } = joined(supergraphSdl);
  const owners = new Map<string, string>();
  for (const object of objects) {
    if (ROOT_TYPES.has(object.name.value)) continue;
    const types = directives(object, 'join__type');
    const keyed = types.filter((t) => argument(t, 'key') !== undefined && argument(t, 'resolvable') !== false);
    if (keyed.length === 0) continue;
    const typeGraphs = types.map((t) => String(argument(t, 'graph')));
    const counts = new Map<string, number>();
    for (const field of object.fields ?? []) {
      for (const graph of resolvingGraphs(field, typeGraphs)) counts.set(graph, (counts.get(graph) ?? 0) + 1);
    }
    const candidates = keyed.map((t) => String(argument(t, 'graph')));
    // Most fields wins; a tie goes to the first subgraph in the supergraph's order (stable).
    const owner = candidates.reduce((best, graph) => ((counts.get(graph) ?? 0) > (counts.get(best) ?? 0) ? graph : best));
    owners.set(object.name.value, graphNames.get(owner) ?? owner);
  }
  return owners;
}

/**
 * Every field of a supergraph that depends on a subgraph other than the one resolving it: fields
 * contributed to a type another subgraph owns, and references to an entity another subgraph owns.
 * `owners` overrides the owners computed from this supergraph (the registry passes the serving
 * supergraph's, so that a candidate cannot change who owns a core type).
 */
export function crossSubgraphFields(supergraphSdl: string, owners: Map<string, string> = new Map()): CrossSubgraphField[] {
  const { graphNames, objects } = joined(supergraphSdl);
  const computed = entityOwners(supergraphSdl);
  const ownerOf = (type: string): string | undefined => owners.get(type) ?? computed.get(type);
  const found: CrossSubgraphField[] = [];
  for (const object of objects) {
    const typeName = object.name.value;
    if (typeName.startsWith('join__') || typeName.startsWith('link__')) continue;
    const typeGraphs = directives(object, 'join__type').map((t) => String(argument(t, 'graph')));
    const parentOwner = ROOT_TYPES.has(typeName) ? undefined : ownerOf(typeName);
    for (const field of object.fields ?? []) {
      const graphs = resolvingGraphs(field, typeGraphs).map((g) => graphNames.get(g) ?? g);
      if (graphs.length === 0) continue;
      const base = {
        coordinate: `${typeName}.${field.name.value}`,
        type: typeName,
        field: field.name.value,
        typeText: typeText(field.type),
        nonNull: field.type.kind === Kind.NON_NULL_TYPE,
      };
      // A field several subgraphs resolve (@shareable) is safe when the owner is one of them.
      if (parentOwner && !graphs.includes(parentOwner)) {
        found.push({ ...base, subgraph: graphs.join(', '), kind: 'contributed', dependsOn: parentOwner });
        continue;
      }
      const referenced = ownerOf(namedType(field.type));
      if (referenced && !graphs.includes(referenced)) {
        found.push({ ...base, subgraph: graphs.join(', '), kind: 'reference', dependsOn: referenced });
      }
    }
  }
  return found;
}

/** The subgraphs that resolve each field of a supergraph's object types (`Type.field` -> names). */
export function fieldSubgraphs(supergraphSdl: string): Map<string, string[]> {
  const { graphNames, objects } = joined(supergraphSdl);
  const fields = new Map<string, string[]>();
  for (const object of objects) {
    const typeGraphs = directives(object, 'join__type').map((t) => String(argument(t, 'graph')));
    for (const field of object.fields ?? []) {
      fields.set(`${object.name.value}.${field.name.value}`, resolvingGraphs(field, typeGraphs).map((g) => graphNames.get(g) ?? g));
    }
  }
  return fields;
}

/** A field of the Query type and the subgraphs that resolve it. */
export interface RootField {
  /** `Query.field` */
  coordinate: string;
  field: string;
  /** The subgraphs that resolve it, comma-separated. */
  subgraph: string;
  /** The field's type as written, e.g. `EventConnection!`. */
  typeText: string;
  nonNull: boolean;
}

/**
 * Every Query field of a supergraph (docs/development.md, "Root fields are nullable"). A query may
 * select root fields of several subgraphs; a non-null one whose subgraph is lost nulls `data`, and
 * so the other subgraphs' root fields with it. Mutation and Subscription fields are left out: one
 * mutation's answer comes from one subgraph, and a subscription carries one root field.
 */
export function queryRootFields(supergraphSdl: string): RootField[] {
  const { graphNames, objects } = joined(supergraphSdl);
  const query = objects.find((o) => o.name.value === 'Query');
  if (!query) return [];
  const typeGraphs = directives(query, 'join__type').map((t) => String(argument(t, 'graph')));
  return (query.fields ?? [])
    .map((field) => ({
      coordinate: `Query.${field.name.value}`,
      field: field.name.value,
      subgraph: resolvingGraphs(field, typeGraphs)
        .map((g) => graphNames.get(g) ?? g)
        .join(', '),
      typeText: typeText(field.type),
      nonNull: field.type.kind === Kind.NON_NULL_TYPE,
    }))
    .filter((field) => field.subgraph !== '');
}

/** Why a root field must be nullable, for a message to the team that wrote it. */
export function rootNullabilityReason(field: RootField): string {
  return `${field.coordinate} (resolved by ${field.subgraph}) is ${field.typeText}: a query that selects it beside another subgraph's root field would lose the whole answer (\`data: null\`) when ${field.subgraph} is down, GraphQL's null propagation taking the other root fields with it. Make it nullable (${field.typeText.replace(/!$/, '')}).`;
}

/** Why a cross-subgraph field must be nullable, for a message to the team that wrote it. */
export function nullabilityReason(field: CrossSubgraphField): string {
  const what =
    field.kind === 'contributed'
      ? `${field.subgraph} adds ${field.coordinate} to ${field.type}, which ${field.dependsOn} owns`
      : `${field.coordinate} (resolved by ${field.subgraph}) returns ${namedTypeOf(field.typeText)}, which ${field.dependsOn} owns`;
  const lost = field.kind === 'contributed' ? field.subgraph : field.dependsOn;
  const above = ROOT_TYPES.has(field.type) ? 'the whole answer (`data`)' : `every ${field.type} that carries it (and their parents)`;
  return `${what}; it is ${field.typeText}, so when ${lost} is down GraphQL's null propagation would null ${above} instead of this field alone. Make it nullable (${field.typeText.replace(/!$/, '')}).`;
}

function namedTypeOf(text: string): string {
  return text.replace(/[[\]!]/g, '');
}
