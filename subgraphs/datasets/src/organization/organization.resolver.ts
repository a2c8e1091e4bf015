import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { type DatasetsContext } from '../context';
import { Dataset } from '../dataset/dataset.entity';
import { DatasetRole } from '../dataset/dataset.enums';
import { Organization } from './organization.stub';

/** Fields the datasets subgraph contributes to members' Organization. */
@Resolver(() => Organization)
export class OrganizationDatasetsResolver {
  @FieldResolver(() => [Dataset], { description: 'Datasets the organisation publishes, creates or is the access body of.' })
  async datasets(
    @Root() organization: Organization,
    @Arg('role', () => DatasetRole, { defaultValue: DatasetRole.PUBLISHER, description: 'Which relation to follow.' })
    role: DatasetRole,
    @Ctx() context: DatasetsContext,
  ): Promise<Dataset[]> {
    return context.loaders.datasetsByOrganization.load({ organizationId: organization.id, role });
  }
}
