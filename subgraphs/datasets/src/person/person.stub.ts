import { EntityRef, EntityStub } from '@ecosystem/shared';

/** Stub of members' Person: datasets stores its id and adds the access requests naming the person. */
@EntityStub('Person')
export class Person extends EntityRef {}
