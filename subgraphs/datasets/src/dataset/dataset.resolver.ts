import { type Connection, ConnectionType, DateRange, filterEvents, pipeEvents, PUBLIC_CONTRACT, validateInput } from '@ecosystem/shared';
import { Directive, Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import { AccessRequest } from '../access-request/access-request.entity';
import { AccessRequestStatus } from '../access-request/access-request.enums';
import { OPEN_STATUSES } from '../access-request/access-request.machine';
import { canSeeAccessRequest } from '../access-request/access-request.policy';
import { Catalogue } from '../catalogue/catalogue.entity';
import { DATASET_PUBLISHED, datasetsPubSub } from '../common/pub-sub';
import { type DatasetsContext } from '../context';
import { Distribution } from './distribution.entity';
import { Organization } from '../organization/organization.stub';
import { Project } from '../project/project.stub';
import { AccessRightsFacet, CodingSystemFacet, DatasetFacets, DatasetTypologyFacet, HdhPositionFacet, HealthCategoryFacet, PublisherFacet } from './dataset-facets';
import { type FacetCount } from '@ecosystem/shared';
import { Dataset, dayToDate } from './dataset.entity';
import { AccessRights } from './dataset.enums';
import { DatasetFilter, DatasetsArgs } from './dataset.inputs';
import { DatasetService, type FacetDimension } from './dataset.service';
import { AddDistributionArgs, CreateDatasetArgs } from './dataset-write.inputs';
import { DatasetWriteService } from './dataset-write.service';

@ObjectType({ description: 'A page of datasets, with facets for the same filter.' })
export class DatasetConnection extends ConnectionType(Dataset, 'Dataset') {
  /** The filter the page was computed for; facets use it. */
  filter!: DatasetFilter | null;
}

export function datasetConnection(connection: Connection<Dataset>, filter: DatasetFilter | null): DatasetConnection {
  return Object.assign(new DatasetConnection(), connection, { filter });
}

@Resolver(() => Dataset)
export class DatasetResolver {
  @Directive(PUBLIC_CONTRACT)
  @Query(() => Dataset, { nullable: true, description: 'One dataset by id.' })
  async dataset(
    @Arg('id', () => ID, { description: 'Dataset id.' }) id: string,
    @Ctx() context: DatasetsContext,
  ): Promise<Dataset | null> {
    return context.loaders.datasetById.load(id);
  }

  @Directive(PUBLIC_CONTRACT)
  @Query(() => Dataset, { nullable: true, description: 'One dataset by its persistent identifier (dct:identifier).' })
  async datasetByIdentifier(
    @Arg('identifier', { description: 'The dct:identifier, e.g. https://data.example.org/dataset/snds-main.' }) identifier: string,
    @Ctx() context: DatasetsContext,
  ): Promise<Dataset | null> {
    return new DatasetService(context.dataSource).byIdentifier(identifier);
  }

  @Directive(PUBLIC_CONTRACT)
  @Query(() => DatasetConnection, { nullable: true, description: 'The dataset catalogue, filtered and paginated (by title), with facets.' })
  async datasets(@Args() args: DatasetsArgs, @Ctx() context: DatasetsContext): Promise<DatasetConnection> {
    const filter = args.filter ?? null;
    return datasetConnection(await new DatasetService(context.dataSource).list(filter, args), filter);
  }

  @Subscription(() => Dataset, {
    subscribe: async (resolverData) => {
      const { args, context } = resolverData;
      const given = (args as { filter?: Partial<DatasetFilter> | null }).filter ?? null;
      // A filter the catalogue would refuse is refused now (BAD_USER_INPUT, with its field), not at
      // the first event: the argument validation of datasets(filter) (hygiene, class-validator; type-graphql
      // runs it for resolvers, not for `subscribe`), then the catalogue's own checks.
      const following = given ? Object.assign(new DatasetFilter(), given) : null;
      if (following) await validateInput(following, DatasetFilter, { ...resolverData, root: {}, args: { filter: following } });
      DatasetService.validate(following);
      const service = new DatasetService((context as DatasetsContext).dataSource);
      // The catalogue's own filter asked of the new row: a subscriber hears only what datasets(filter) would list.
      return pipeEvents(datasetsPubSub().subscribe(DATASET_PUBLISHED), filterEvents((payload: { id: string }) => service.matches(following, payload.id)));
    },
    description:
      'Sent when a dataset matching the filter (as in datasets(filter)) is published, e.g. an analyst following health categories or themes. Through the gateway: over Server-Sent Events or graphql-ws; the dataset is read through Query.dataset.',
  })
  async datasetPublished(
    @Arg('filter', () => DatasetFilter, { nullable: true, description: 'What to follow; every dataset when omitted.' }) _filter: DatasetFilter | null,
    @Root() payload: { id: string },
    @Ctx() context: DatasetsContext,
  ): Promise<Dataset> {
    return new DatasetService(context.dataSource).byId(payload.id);
  }

  @Authorized()
  @Mutation(() => Dataset, { description: 'Describes a new dataset: data stewards of the publisher, or admins.' })
  async createDataset(@Args() { input }: CreateDatasetArgs, @Ctx() context: DatasetsContext): Promise<Dataset> {
    return new DatasetWriteService(context.dataSource).create(context.viewer, input);
  }

  @Authorized()
  @Mutation(() => Distribution, { description: 'Adds a distribution to a dataset: data stewards of the publisher, or admins.' })
  async addDistribution(@Args() { input }: AddDistributionArgs, @Ctx() context: DatasetsContext): Promise<Distribution> {
    return new DatasetWriteService(context.dataSource).addDistribution(context.viewer, input);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The organisation that publishes the dataset (dct:publisher).' })
  publisher(@Root() dataset: Dataset): Organization {
    return Organization.ref(dataset.publisherId);
  }

  @FieldResolver(() => [Organization], { nullable: true, description: 'Organisations that produced the data (dct:creator).' })
  async creators(@Root() dataset: Dataset, @Ctx() context: DatasetsContext): Promise<Organization[]> {
    return (await context.loaders.creatorIdsByDatasetId.load(dataset.id)).map((id) => Organization.ref(id));
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'Health data access body competent for the dataset.' })
  hdab(@Root() dataset: Dataset): Organization | null {
    return dataset.hdabId ? Organization.ref(dataset.hdabId) : null;
  }

  @FieldResolver(() => Catalogue, { description: 'The catalogue listing the dataset.' })
  async catalogue(@Root() dataset: Dataset, @Ctx() context: DatasetsContext): Promise<Catalogue | null> {
    return context.loaders.catalogueById.load(dataset.catalogueId);
  }

  @FieldResolver(() => DateRange, { nullable: true, description: 'Period the data covers (dct:temporal).' })
  temporal(@Root() dataset: Dataset): DateRange | null {
    if (!dataset.temporalStart && !dataset.temporalEnd) return null;
    return { start: dayToDate(dataset.temporalStart), end: dayToDate(dataset.temporalEnd) };
  }

  @FieldResolver(() => DateRange, { nullable: true, description: 'How long the data is kept (healthdcatap:retentionPeriod).' })
  retentionPeriod(@Root() dataset: Dataset): DateRange | null {
    if (!dataset.retentionStart && !dataset.retentionEnd) return null;
    return { start: dayToDate(dataset.retentionStart), end: dayToDate(dataset.retentionEnd) };
  }

  @FieldResolver(() => [Distribution], {
    description: 'Ways to get the data. For a non-public dataset, anonymous callers see no URLs nor access service.',
  })
  async distributions(@Root() dataset: Dataset, @Ctx() context: DatasetsContext): Promise<Distribution[]> {
    const distributions = await context.loaders.distributionsByDatasetId.load(dataset.id);
    if (context.viewer || dataset.accessRights === AccessRights.PUBLIC) return distributions;
    return distributions.map((d) => Object.assign(new Distribution(), d, { accessURL: null, downloadURL: null, accessService: null }));
  }

  @FieldResolver(() => [Project], { nullable: true, description: 'R&D projects using the dataset.' })
  async projects(@Root() dataset: Dataset, @Ctx() context: DatasetsContext): Promise<Project[]> {
    return (await context.loaders.projectIdsByDatasetId.load(dataset.id)).map((id) => Project.ref(id));
  }

  @FieldResolver(() => [AccessRequest], {
    description:
      'Access requests naming the dataset that the viewer may see: all for the publisher\u2019s data stewards and admins, their own for requesters, none for anonymous callers.',
  })
  async accessRequests(
    @Root() dataset: Dataset,
    @Ctx() context: DatasetsContext,
    @Arg('open', () => Boolean, { nullable: true, description: 'Only requests still in progress (true) or only final ones (false).' })
    open?: boolean | null,
    @Arg('status', () => [AccessRequestStatus], { nullable: true, description: 'Only requests in these statuses.' })
    status?: AccessRequestStatus[] | null,
  ): Promise<AccessRequest[]> {
    if (!context.viewer) return [];
    const requests = await context.loaders.accessRequestsByDatasetId.load(dataset.id);
    return requests.filter(
      (r) =>
        canSeeAccessRequest(context.viewer, r) &&
        (open === undefined || open === null || OPEN_STATUSES.includes(r.status) === open) &&
        (!status?.length || status.includes(r.status)),
    );
  }
}

@Resolver(() => DatasetConnection)
export class DatasetConnectionResolver {
  @FieldResolver(() => DatasetFacets, { description: 'Counts per value of each dimension for the same filter (all pages).' })
  facets(@Root() connection: DatasetConnection): DatasetFacets {
    return new DatasetFacets(connection.filter ?? null);
  }
}

@Resolver(() => DatasetFacets)
export class DatasetFacetsResolver {
  private count(facets: DatasetFacets, context: DatasetsContext, dimension: FacetDimension): Promise<FacetCount[]> {
    return new DatasetService(context.dataSource).facet(facets.filter, dimension);
  }

  @FieldResolver(() => [HealthCategoryFacet.type], { description: 'Per health category (filter `healthCategories`).' })
  healthCategories(@Root() facets: DatasetFacets, @Ctx() context: DatasetsContext): Promise<FacetCount[]> {
    return this.count(facets, context, 'healthCategories');
  }

  @FieldResolver(() => [DatasetTypologyFacet.type], { description: 'Per typology (filter `typology`).' })
  typology(@Root() facets: DatasetFacets, @Ctx() context: DatasetsContext): Promise<FacetCount[]> {
    return this.count(facets, context, 'typology');
  }

  @FieldResolver(() => [AccessRightsFacet.type], { description: 'Per access rights (filter `accessRights`).' })
  accessRights(@Root() facets: DatasetFacets, @Ctx() context: DatasetsContext): Promise<FacetCount[]> {
    return this.count(facets, context, 'accessRights');
  }

  @FieldResolver(() => [HdhPositionFacet.type], { description: 'Per position relative to the Health Data Hub (filter `hdhPosition`).' })
  hdhPosition(@Root() facets: DatasetFacets, @Ctx() context: DatasetsContext): Promise<FacetCount[]> {
    return this.count(facets, context, 'hdhPosition');
  }

  @FieldResolver(() => [CodingSystemFacet.type], { description: 'Per coding system (filter `codingSystems`).' })
  codingSystems(@Root() facets: DatasetFacets, @Ctx() context: DatasetsContext): Promise<FacetCount[]> {
    return this.count(facets, context, 'codingSystems');
  }

  @FieldResolver(() => [PublisherFacet.type], { description: 'Per publisher, value = organisation id (filter `publishers`).' })
  publishers(@Root() facets: DatasetFacets, @Ctx() context: DatasetsContext): Promise<FacetCount[]> {
    return this.count(facets, context, 'publishers');
  }
}
