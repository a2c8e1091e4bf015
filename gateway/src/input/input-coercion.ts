import { GRAPH_SCALARS } from '@ecosystem/shared';
import { type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import {
  type DocumentNode,
  getNamedType,
  getOperationAST,
  type GraphQLSchema,
  isScalarType,
  Kind,
  type OperationDefinitionNode,
  type StringValueNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';

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
 * A long integer literal given for a BigInt is rewritten, before planning, as the string literal of
 * the same digits, which the BigInt scalar reads exactly: the subgraph gets the value typed, and
 * its range rule names the field. Only operations whose text holds a 16-digit run are visited.
 */
export function bigIntLiteralsPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(requestContext) {
          const { document, request, schema } = requestContext;
          if (!document || !request.query || !LONG_INTEGER.test(request.query)) return;
          const typeInfo = new TypeInfo(schema);
          let changed = false;
          const rewritten = visit(
            document,
            visitWithTypeInfo(typeInfo, {
              IntValue(node) {
                const type = typeInfo.getInputType();
                if (!type || getNamedType(type).name !== 'BigInt' || Number.isSafeInteger(Number(node.value))) return undefined;
                changed = true;
                return { kind: Kind.STRING, value: node.value } satisfies StringValueNode;
              },
            }),
          );
          if (!changed) return;
          const mutable = requestContext as { document: DocumentNode; operation?: OperationDefinitionNode };
          mutable.document = rewritten;
          mutable.operation = getOperationAST(rewritten, request.operationName) ?? undefined;
        },
      };
    },
  };
}
