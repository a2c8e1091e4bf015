import { EntityRef, EntityStub, resolveStubReference } from '@ecosystem/shared';

/** Stub of the datasets subgraph's Dataset: events stores only its id. */
@EntityStub('Dataset')
export class Dataset extends EntityRef {}

export const datasetRef = (id: string): Dataset => Dataset.ref(id);
export const resolveDatasetReference = (reference: { id: string }): Dataset => resolveStubReference(Dataset, reference);
