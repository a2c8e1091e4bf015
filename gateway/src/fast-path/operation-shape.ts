import {
  type DocumentNode,
  type FragmentDefinitionNode,
  getNamedType,
  type GraphQLNamedType,
  type GraphQLSchema,
  isAbstractType,
  isEnumType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  print,
  type SelectionSetNode,
} from 'graphql';

/**
 * The shape of an operation's answer, as a string: every response key in the order a GraphQL
 * executor writes it, with the field it reads, its arguments (as written) and what it selects.
 * Two operations with the same shape produce byte-identical `data` over the same object graph.
 *
 * `null` when the answer's shape cannot be read from the document alone: a directive anywhere
 * (`@skip`/`@include` depend on variables, `@defer` changes delivery), an abstract type (the shape
 * depends on each object's runtime type), a type condition other than the parent type, a response
 * key selected twice at one level (field merging), introspection, or a field the schema lacks.
 * Callers treat `null` as "not the same shape".
 *
 * `enums` receives the enum types the answer contains (their values are checked by the caller).
 */
export function operationShape(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  enums?: Set<string>,
): string | null {
  let operation: OperationDefinitionNode | undefined;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    else if (definition.kind === Kind.OPERATION_DEFINITION) {
      if (operationName ? definition.name?.value === operationName : operation === undefined) operation = definition;
      else if (!operationName) return null; // several operations and no name: Apollo refuses it
    }
  }
  if (!operation || operation.operation !== 'query' || (operation.directives?.length ?? 0) > 0) return null;
  const root = schema.getQueryType();
  if (!root) return null;
  return selectionShape(schema, operation.selectionSet, root, fragments, enums ?? new Set(), new Set());
}

function selectionShape(
  schema: GraphQLSchema,
  selectionSet: SelectionSetNode,
  parent: GraphQLNamedType,
  fragments: Map<string, FragmentDefinitionNode>,
  enums: Set<string>,
  visiting: Set<string>,
): string | null {
  if (!isObjectType(parent)) return null;
  const entries: string[] = [];
  const keys = new Set<string>();
  // Fragments on the parent type itself are flattened in place, as an executor collects fields.
  const collect = (set: SelectionSetNode): boolean => {
    for (const selection of set.selections) {
      if ((selection.directives?.length ?? 0) > 0) return false;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (selection.typeCondition && selection.typeCondition.name.value !== parent.name) return false;
        if (!collect(selection.selectionSet)) return false;
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || visiting.has(name) || fragment.typeCondition.name.value !== parent.name) return false;
        if ((fragment.directives?.length ?? 0) > 0) return false;
        visiting.add(name);
        const ok = collect(fragment.selectionSet);
        visiting.delete(name);
        if (!ok) return false;
        continue;
      }
      const name = selection.name.value;
      const key = selection.alias?.value ?? name;
      if (keys.has(key)) return false;
      keys.add(key);
      if (name === '__typename') {
        entries.push(`${key}:__typename`);
        continue;
      }
      if (name.startsWith('__')) return false;
      const field = parent.getFields()[name];
      if (!field) return false;
      const type = getNamedType(field.type);
      if (isAbstractType(type)) return false;
      if (isEnumType(type)) enums.add(type.name);
      const args = (selection.arguments ?? []).map((a) => `${a.name.value}:${print(a.value)}`).join(',');
      let sub = '';
      if (selection.selectionSet) {
        const inner = selectionShape(schema, selection.selectionSet, type, fragments, enums, visiting);
        if (inner === null) return false;
        sub = `{${inner}}`;
      }
      entries.push(`${key}:${name}(${args})${sub}`);
    }
    return true;
  };
  return collect(selectionSet) ? entries.join(',') : null;
}
