import { GRAPH_SCALARS } from '@ecosystem/shared';
import { getNamedType, type GraphQLSchema, isScalarType, Kind, type ValidationRule } from 'graphql';

/**
 * The supergraph carries custom scalars as names only: in the gateway's API schema `DateTime`,
 * `LocalDate` and `BigInt` accept anything, so a bad value used to travel to the subgraph, whose
 * variable-coercion error (an HTTP 400) the gateway then reported as an internal error. The shared
 * implementations the subgraphs use are put in their place, in the schema object Apollo Server
 * validates literals against and this module's plugin coerces variables against. The gateway never
 * serializes a subgraph's scalar again (it copies the value), so only parsing changes.
 */
export function installGraphScalars(apiSchema: GraphQLSchema): void {
  for (const implementation of GRAPH_SCALARS) {
    const type = apiSchema.getType(implementation.name);
    if (!type || !isScalarType(type)) continue;
    type.parseValue = implementation.parseValue;
    type.parseLiteral = implementation.parseLiteral;
    type.description = implementation.description;
  }
}

/** An integer literal that a JavaScript number cannot hold exactly (more than 15 digits). */
const LONG_INTEGER = /\d{16}/;

/**
 * The query planner reads every integer literal as a JavaScript number (parseInt) and prints it
 * again into the subgraph's operation: 9223372036854775807 reached the subgraph as
 * 9223372036854776000, and 10^23 as the float 1e+23 (which the subgraph refused naming no field).
 * A long integer literal given for a BigInt is rewritten as the string literal of the same digits,
 * which the BigInt scalar reads exactly: the subgraph gets the value typed, and its range rule names
 * the field. A validation rule (Apollo Server's `validationRules`, after graphql's own rules, which
 * read the literal as it was written): it rides the visit validation makes anyway, knows each
 * literal's input type, and runs once per document; Apollo Server's document cache then keeps the
 * rewritten document, and every path that reads it (the plan, the single fetch) gets the same text.
 */
export const bigIntLiteralsRule: ValidationRule = (context) => ({
  IntValue(node) {
    if (!LONG_INTEGER.test(node.value) || Number.isSafeInteger(Number(node.value))) return;
    const type = context.getInputType();
    if (!type || getNamedType(type).name !== 'BigInt') return;
    // In place: validation's visit cannot replace a node, and this document, parsed for this
    // request, is the one Apollo Server executes and caches. Same digits, so no other rule's verdict changes.
    (node as unknown as { kind: Kind }).kind = Kind.STRING;
  },
});
