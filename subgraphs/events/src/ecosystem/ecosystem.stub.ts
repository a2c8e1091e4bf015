import { EntityRef, EntityStub, resolveStubReference } from '@ecosystem/shared';

/** Stub of members' Ecosystem: events stores only its id. */
@EntityStub('Ecosystem')
export class Ecosystem extends EntityRef {}

export const ecosystemRef = (id: string): Ecosystem => Ecosystem.ref(id);
export const resolveEcosystemReference = (reference: { id: string }): Ecosystem => resolveStubReference(Ecosystem, reference);
