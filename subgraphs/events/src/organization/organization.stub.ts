import { EntityRef, EntityStub, resolveStubReference } from '@ecosystem/shared';

/** Stub of members' Organization: events stores only its id. */
@EntityStub('Organization')
export class Organization extends EntityRef {}

export const organizationRef = (id: string): Organization => Organization.ref(id);
export const resolveOrganizationReference = (reference: { id: string }): Organization => resolveStubReference(Organization, reference);
