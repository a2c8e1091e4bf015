import { acceptsIgnoringParameters, negotiateRdfFormat, RDF_EXTENSIONS, RDF_MEDIA_TYPES, sendHttpError, serialiseRdf, splitRdfExtension } from '@ecosystem/shared';
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { type Logger } from 'pino';
import { type DataSource, In } from 'typeorm';
import { Catalogue } from '../catalogue/catalogue.entity';
import { DatasetCreator } from '../dataset/dataset-creator.entity';
import { Dataset } from '../dataset/dataset.entity';
import { Distribution } from '../dataset/distribution.entity';
import { compareDatasets } from '../dataset/dataset.loaders';
import { agentNodes, catalogueNode, DCAT_CONTEXT, datasetNode } from './dcat-jsonld';

/*
 * The standard export: DCAT-AP 3 / HealthDCAT-AP as JSON-LD, Turtle or RDF/XML. Anonymous, like any open catalogue, so the
 * access details of non-public datasets are left out. A few statements per document, whatever its size.
 */

type Node = Record<string, unknown>;

async function datasetNodes(dataSource: DataSource, datasets: Dataset[]): Promise<{ nodes: Node[]; agents: string[] }> {
  const ids = datasets.map((d) => d.id);
  const [distributions, creators] = ids.length
    ? await Promise.all([
        dataSource.getRepository(Distribution).find({ where: { datasetId: In(ids) }, order: { position: 'ASC', id: 'ASC' } }),
        dataSource.getRepository(DatasetCreator).find({ where: { datasetId: In(ids) }, order: { organizationId: 'ASC' } }),
      ])
    : [[], []];
  const nodes = datasets.map((dataset) =>
    datasetNode(dataset, {
      distributions: distributions.filter((d) => d.datasetId === dataset.id),
      creatorIds: creators.filter((c) => c.datasetId === dataset.id).map((c) => c.organizationId),
      anonymous: true,
    }),
  );
  const agents = [
    ...datasets.flatMap((d) => [d.publisherId, ...(d.hdabId ? [d.hdabId] : [])]),
    ...creators.map((c) => c.organizationId),
  ];
  return { nodes, agents };
}

/** The catalogues (all, or one) with every dataset they list, as one JSON-LD graph. */
export async function catalogueDocument(dataSource: DataSource, catalogueId?: string): Promise<Node | null> {
  const catalogues = await dataSource
    .getRepository(Catalogue)
    .find({ where: catalogueId ? { id: catalogueId } : {}, order: { title: 'ASC', id: 'ASC' } });
  if (catalogueId && catalogues.length === 0) return null;
  const datasets = (
    await dataSource.getRepository(Dataset).findBy(catalogueId ? { catalogueId } : {})
  ).sort(compareDatasets);
  const { nodes, agents } = await datasetNodes(dataSource, datasets);
  return {
    '@context': DCAT_CONTEXT,
    '@graph': [
      ...catalogues.map((c) => catalogueNode(c, datasets.filter((d) => d.catalogueId === c.id))),
      ...nodes,
      ...agentNodes([...catalogues.map((c) => c.publisherId), ...agents]),
    ],
  };
}

/** One dataset, by id or by its persistent identifier. */
export async function datasetDocument(dataSource: DataSource, idOrIdentifier: string): Promise<Node | null> {
  const repository = dataSource.getRepository(Dataset);
  const dataset =
    (/^[0-9a-f-]{36}$/i.test(idOrIdentifier) ? await repository.findOneBy({ id: idOrIdentifier }) : null) ??
    (await repository.findOneBy({ identifier: idOrIdentifier }));
  if (!dataset) return null;
  const { nodes, agents } = await datasetNodes(dataSource, [dataset]);
  return { '@context': DCAT_CONTEXT, '@graph': [...nodes, ...agentNodes(agents)] };
}

type IdRequest = FastifyRequest<{ Params: { id: string } }>;

function notFound(reply: FastifyReply, what: string): void {
  sendHttpError(reply, 404, 'NOT_FOUND', `${what} was not found`);
}

/**
 * GET /catalogue, /catalogues/:id and /datasets/:id, each also with `.jsonld`, `.ttl` or `.rdf`:
 * JSON-LD, Turtle or RDF/XML by extension, else by the Accept header (JSON-LD by default).
 */
export function registerExportRoutes(app: FastifyInstance, dataSource: DataSource, logger: Logger): void {
  const handle =
    (produce: (id: string) => Promise<[Node | null, string]>, name: (req: IdRequest) => string = (req) => req.params.id) =>
    (req: IdRequest, reply: FastifyReply): void => {
      // The last path segment, with or without an extension: `<id>`, `<id>.ttl`, `catalogue.rdf`.
      const [id, extension] = splitRdfExtension(name(req));
      const format = negotiateRdfFormat(extension, acceptsIgnoringParameters(req));
      void reply.header('vary', 'Accept');
      if (!format) {
        sendHttpError(reply, 406, 'NOT_ACCEPTABLE', `Available as ${Object.values(RDF_MEDIA_TYPES).join(', ')}`);
        return;
      }
      produce(id)
        .then(async ([document, what]) => {
          if (!document) return notFound(reply, what);
          const { body, contentType } = await serialiseRdf(document, format);
          void reply.type(contentType).send(body);
        })
        .catch((error: unknown) => {
          logger.error({ err: error, path: req.url }, 'DCAT export failed');
          sendHttpError(reply, 500, 'INTERNAL_SERVER_ERROR', 'Export failed');
        });
    };
  for (const file of ['catalogue', ...Object.keys(RDF_EXTENSIONS).map((extension) => `catalogue${extension}`)]) {
    app.get<{ Params: { id: string } }>(
      `/${file}`,
      handle(async () => [await catalogueDocument(dataSource), 'The catalogue'], () => file),
    );
  }
  app.get<{ Params: { id: string } }>(
    '/catalogues/:id',
    handle(async (id) => [await catalogueDocument(dataSource, id), `Catalogue ${id}`]),
  );
  app.get<{ Params: { id: string } }>(
    '/datasets/:id',
    handle(async (id) => [await datasetDocument(dataSource, id), `Dataset ${id}`]),
  );
}
