import { EntityRef, EntityStub } from '@ecosystem/shared';

/** The core Event (owned by the events subgraph), as partners may extend it: the key only. */
@EntityStub('Event')
export class Event extends EntityRef {}
