import { EntityRef, EntityStub, resolveStubReference } from '@ecosystem/shared';

/** Stub of members' Person: events stores only its id. */
@EntityStub('Person')
export class Person extends EntityRef {}

export const personRef = (id: string): Person => Person.ref(id);
export const resolvePersonReference = (reference: { id: string }): Person => resolveStubReference(Person, reference);
