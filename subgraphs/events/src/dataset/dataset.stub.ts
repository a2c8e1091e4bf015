import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Stub of the datasets subgraph's Dataset: events stores only its id. */
@ObjectType({ description: 'A health dataset of the catalogue (owned by the datasets subgraph).' })
@Directive('@key(fields: "id")')
export class Dataset {
  @Field(() => ID, { description: 'Opaque, stable id.' })
  id!: string;
}

export function datasetRef(id: string): Dataset {
  return Object.assign(new Dataset(), { id });
}

export function resolveDatasetReference(reference: { id: string }): Dataset {
  return datasetRef(String(reference.id));
}
