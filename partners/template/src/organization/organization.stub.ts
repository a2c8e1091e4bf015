import { EntityRef, EntityStub } from '@ecosystem/shared';

/**
 * The core Organization (owned by the members subgraph), as partners may extend it: the key only.
 * Fields the campus adds live in a `@Resolver(() => Organization)` (organization.resolver.ts, beside this file).
 */
@EntityStub('Organization')
export class Organization extends EntityRef {}
