import { EntityRef, EntityStub } from '@ecosystem/shared';

/**
 * Stub of members' Person. `jobTitle` is owned by members: it is @external here and only read by
 * `suggestedPersona`, which @requires it (the gateway fetches it from members first).
 */
@EntityStub('Person', { external: ['jobTitle'] })
export class Person extends EntityRef {
  jobTitle?: string | null;
}

export const personStub = (id: string): Person => Person.ref(id);
