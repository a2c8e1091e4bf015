import { GRAPH_SCALARS } from '@ecosystem/shared';
import { type GraphQLSchema, isScalarType } from 'graphql';

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
