import { PUBLIC_CONTRACT } from '@ecosystem/shared';
import { Directive, Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { type DatasetsContext } from '../context';
import { DatasetConnection, datasetConnection } from '../dataset/dataset.resolver';
import { PageArgs } from '../dataset/dataset.inputs';
import { DatasetService } from '../dataset/dataset.service';
import { Organization } from '../organization/organization.stub';
import { Catalogue } from './catalogue.entity';
import { CatalogueService } from './catalogue.service';

@Resolver(() => Catalogue)
export class CatalogueResolver {
  // Named dataCatalogue(s): `catalogue` is the training subgraph's catalogue tree (DOMAIN.md §2.3).
  @Directive(PUBLIC_CONTRACT)
  @Query(() => Catalogue, { nullable: true, description: 'One DCAT data catalogue by id.' })
  async dataCatalogue(
    @Arg('id', () => ID, { description: 'Catalogue id.' }) id: string,
    @Ctx() context: DatasetsContext,
  ): Promise<Catalogue | null> {
    return context.loaders.catalogueById.load(id);
  }

  @Directive(PUBLIC_CONTRACT)
  @Query(() => [Catalogue], { nullable: true, description: 'Every DCAT data catalogue, by title.' })
  async dataCatalogues(@Ctx() context: DatasetsContext): Promise<Catalogue[]> {
    return new CatalogueService(context.dataSource).list();
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The organisation that publishes the catalogue.' })
  publisher(@Root() catalogue: Catalogue): Organization {
    return Organization.ref(catalogue.publisherId);
  }

  @FieldResolver(() => DatasetConnection, { description: 'Datasets of the catalogue, by title, with facets.' })
  async datasets(
    @Root() catalogue: Catalogue,
    @Args() page: PageArgs,
    @Ctx() context: DatasetsContext,
  ): Promise<DatasetConnection> {
    const filter = { catalogueId: catalogue.id };
    return datasetConnection(await new DatasetService(context.dataSource).list(filter, page), filter);
  }
}
