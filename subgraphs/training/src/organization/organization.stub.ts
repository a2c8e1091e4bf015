import { EntityRef, EntityStub } from '@ecosystem/shared';

/** Stub of members' Organization: training stores its id and contributes fields to it. */
@EntityStub('Organization')
export class Organization extends EntityRef {}

export const organizationStub = (id: string): Organization => Organization.ref(id);
