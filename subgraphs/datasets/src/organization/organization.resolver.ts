import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { AccessRequest } from '../access-request/access-request.entity';
import { canSeeAccessRequest } from '../access-request/access-request.policy';
import { type DatasetsContext } from '../context';
import { Dataset } from '../dataset/dataset.entity';
import { DatasetRole } from '../dataset/dataset.enums';
import { Organization } from './organization.stub';

/** Fields the datasets subgraph contributes to members' Organization. */
@Resolver(() => Organization)
export class OrganizationDatasetsResolver {
  @FieldResolver(() => [Dataset], { nullable: true, description: 'Datasets the organisation publishes, creates or is the access body of.' })
  async datasets(
    @Root() organization: Organization,
    @Arg('role', () => DatasetRole, { defaultValue: DatasetRole.PUBLISHER, description: 'Which relation to follow.' })
    role: DatasetRole,
    @Ctx() context: DatasetsContext,
  ): Promise<Dataset[]> {
    return context.loaders.datasetsByOrganization.load({ id: organization.id, window: role });
  }

  @FieldResolver(() => [AccessRequest], {
    nullable: true,
    description: 'Access requests the organisation made, as far as the viewer may see them (its own members, the publishers\u2019 stewards, admins).',
  })
  async accessRequests(@Root() organization: Organization, @Ctx() context: DatasetsContext): Promise<AccessRequest[]> {
    if (!context.viewer) return [];
    const requests = await context.loaders.accessRequestsByRequesterId.load(organization.id);
    return requests.filter((r) => canSeeAccessRequest(context.viewer, r));
  }
}
