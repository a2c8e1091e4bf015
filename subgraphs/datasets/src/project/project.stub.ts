import { EntityRef, EntityStub } from '@ecosystem/shared';

/** Stub of members' Project: datasets stores its id and adds the datasets of the project. */
@EntityStub('Project')
export class Project extends EntityRef {}
