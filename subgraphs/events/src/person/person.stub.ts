import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Stub of the members subgraph's Person: events stores only its id. */
@ObjectType({ description: 'A person of the ecosystem (owned by the members subgraph).' })
@Directive('@key(fields: "id")')
export class Person {
  @Field(() => ID, { description: 'Opaque, stable id.' })
  id!: string;
}

export function personRef(id: string): Person {
  return Object.assign(new Person(), { id });
}

export function resolvePersonReference(reference: { id: string }): Person {
  return personRef(String(reference.id));
}
