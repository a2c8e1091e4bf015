import { EntityRef, EntityStub } from '@ecosystem/shared';

/** Stub of the events subgraph's Event: a session may also be published as an event. */
@EntityStub('Event')
export class Event extends EntityRef {}
