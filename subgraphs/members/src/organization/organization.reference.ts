import { projectionColumns } from '@ecosystem/shared';
import { type GraphQLResolveInfo } from 'graphql';
import { type MembersContext } from '../context';
import { type Organization } from './organization.entity';
import { ORGANIZATION_PROJECTION } from './organization.loaders';

/** An entity fetch reads the columns its selection of Organization needs. */
export async function resolveOrganizationReference(
  reference: { id: string },
  context: MembersContext,
  info: GraphQLResolveInfo,
): Promise<Organization | null> {
  const columns = projectionColumns(info, ORGANIZATION_PROJECTION, { typeName: 'Organization' });
  return context.loaders.organizationColumnsById.load({ id: String(reference.id), window: columns });
}
