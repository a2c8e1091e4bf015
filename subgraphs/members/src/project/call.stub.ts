import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A call for projects, owned by the events subgraph; members contributes `resultingProjects`. */
@ObjectType({ description: 'A call for projects or expressions of interest (owned by the events subgraph).' })
@Directive('@key(fields: "id")')
export class Call {
  @Field(() => ID, { description: 'Call id.' })
  id!: string;
}
