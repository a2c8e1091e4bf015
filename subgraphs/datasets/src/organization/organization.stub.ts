import { EntityRef, EntityStub } from '@ecosystem/shared';

/** Stub of members' Organization: datasets stores its id and adds the datasets and access requests of the organisation. */
@EntityStub('Organization')
export class Organization extends EntityRef {}
