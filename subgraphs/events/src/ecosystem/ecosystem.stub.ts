import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Stub of the members subgraph's Ecosystem: events stores only its id. */
@ObjectType({ description: 'An innovation ecosystem: cluster, campus or academy (owned by the members subgraph).' })
@Directive('@key(fields: "id")')
export class Ecosystem {
  @Field(() => ID, { description: 'Opaque, stable id.' })
  id!: string;
}

export function ecosystemRef(id: string): Ecosystem {
  return Object.assign(new Ecosystem(), { id });
}

export function resolveEcosystemReference(reference: { id: string }): Ecosystem {
  return ecosystemRef(String(reference.id));
}
