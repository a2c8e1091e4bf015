import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Where an access request stands now, as the viewer may see it (what accessRequestChanged sends on every transition).' })
export class AccessRequestState {
  @Field(() => ID, { description: 'The access request.' })
  id!: string;
}
