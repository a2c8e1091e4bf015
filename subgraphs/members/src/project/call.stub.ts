import { EntityRef, EntityStub } from '@ecosystem/shared';

/** A call for projects, owned by the events subgraph; members contributes `resultingProjects`. */
@EntityStub('Call')
export class Call extends EntityRef {}
