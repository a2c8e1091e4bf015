import { Supergraph } from '@apollo/federation-internals';
import {
  getNamedType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  isEnumType,
  isLeafType,
  isObjectType,
  parse,
  validate,
} from 'graphql';

/** The client-facing schema of a composed supergraph (what the gateway serves). */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/** Validation errors of an operation against the schema (empty when it is valid). */
export function operationProblems(schema: GraphQLSchema, query: string): string[] {
  try {
    return validate(schema, parse(query)).map((e) => e.message);
  } catch (error) {
    return [(error as Error).message];
  }
}

/** Names of an enum's values, or [] when the enum does not exist. */
export function enumValues(schema: GraphQLSchema, name: string): string[] {
  const type = schema.getType(name);
  return isEnumType(type) ? type.getValues().map((v) => v.name) : [];
}

export function fieldOf(schema: GraphQLSchema, typeName: string, field: string): GraphQLField<unknown, unknown> | undefined {
  const type = schema.getType(typeName);
  return isObjectType(type) ? type.getFields()[field] : undefined;
}

/**
 * A selection of every field of a type without arguments, down to `depth` levels (leaves only at
 * the bottom). Used for `facets`, whose exact shape the subgraph owns.
 */
export function selectAll(type: GraphQLNamedType, depth: number): string {
  if (isLeafType(type)) return '';
  if (!isObjectType(type)) return '{ __typename }';
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (field.args.some((a) => a.type.toString().endsWith('!'))) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(field.name);
    else if (depth > 1 && isObjectType(named)) parts.push(`${field.name} ${selectAll(named, depth - 1)}`);
  }
  return parts.length > 0 ? `{ ${parts.join(' ')} }` : '{ __typename }';
}
