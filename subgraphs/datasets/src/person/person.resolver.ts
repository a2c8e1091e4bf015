import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { AccessRequest } from '../access-request/access-request.entity';
import { canSeeAccessRequest } from '../access-request/access-request.policy';
import { type DatasetsContext } from '../context';
import { Person } from './person.stub';

/** Fields the datasets subgraph contributes to members' Person. */
@Resolver(() => Person)
export class PersonAccessRequestsResolver {
  @FieldResolver(() => [AccessRequest], {
    nullable: true,
    description: 'Access requests with this person as principal investigator, as far as the viewer may see them.',
  })
  async accessRequests(@Root() person: Person, @Ctx() context: DatasetsContext): Promise<AccessRequest[]> {
    if (!context.viewer) return [];
    const requests = await context.loaders.accessRequestsByPrincipalInvestigatorId.load(person.id);
    return requests.filter((r) => canSeeAccessRequest(context.viewer, r));
  }
}
