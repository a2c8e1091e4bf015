import {
  type GraphQLField,
  type GraphQLSchema,
  getNamedType,
  isInterfaceType,
  isLeafType,
  isNonNullType,
  isObjectType,
} from 'graphql';

/**
 * One selection per field of `typeName` in `schema`, the field alone: `name`, or for an object
 * `parent { id name ... }` with the leaf fields of the object, and of its objects down to `depth`
 * levels. Fields with a required argument are left out. Tests that a read of some columns answers
 * each field as a read of the whole row does (e.g. an entity fetch per field) take the fields from
 * the schema, so that a field added later is covered.
 */
export function fieldSelections(schema: GraphQLSchema, typeName: string, depth = 3): [field: string, selection: string][] {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) throw new Error(`${typeName} is not an object type of the schema`);
  const callable = (field: GraphQLField<unknown, unknown>): boolean => field.args.every((arg) => !isNonNullType(arg.type) || arg.defaultValue !== undefined);
  const selectionOf = (field: GraphQLField<unknown, unknown>, level: number): string | null => {
    const named = getNamedType(field.type);
    if (isLeafType(named)) return field.name;
    if (!isObjectType(named) && !isInterfaceType(named)) return `${field.name} { __typename }`;
    if (level >= depth) return null;
    const inner = Object.values(named.getFields())
      .filter(callable)
      .map((f) => selectionOf(f, level + 1))
      .filter((s): s is string => s !== null);
    return `${field.name} { __typename ${inner.join(' ')} }`;
  };
  return Object.values(type.getFields())
    .filter(callable)
    .map((field): [string, string] => [field.name, selectionOf(field, 1) ?? `${field.name} { __typename }`]);
}
