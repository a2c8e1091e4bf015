import { type Express, type Request, type Response } from 'express';
import { type Logger } from 'pino';
import { type DataSource, In } from 'typeorm';
import { Catalogue } from '../catalogue/catalogue.entity';
import { DatasetCreator } from '../dataset/dataset-creator.entity';
import { Dataset } from '../dataset/dataset.entity';
import { Distribution } from '../distribution/distribution.entity';
import { compareDatasets } from '../loaders';
import { catalogueNode, DCAT_CONTEXT, datasetNode, JSONLD_MEDIA_TYPE } from './dcat-jsonld';

/*
 * The standard export: DCAT-AP 3 / HealthDCAT-AP JSON-LD. Anonymous, like any open catalogue, so the
 * access details of non-public datasets are left out. A few statements per document, whatever its size.
 */

type Node = Record<string, unknown>;

async function datasetNodes(dataSource: DataSource, datasets: Dataset[]): Promise<Node[]> {
  const ids = datasets.map((d) => d.id);
  const [distributions, creators] = ids.length
    ? await Promise.all([
        dataSource.getRepository(Distribution).find({ where: { datasetId: In(ids) }, order: { position: 'ASC', id: 'ASC' } }),
        dataSource.getRepository(DatasetCreator).find({ where: { datasetId: In(ids) }, order: { organizationId: 'ASC' } }),
      ])
    : [[], []];
  return datasets.map((dataset) =>
    datasetNode(dataset, {
      distributions: distributions.filter((d) => d.datasetId === dataset.id),
      creatorIds: creators.filter((c) => c.datasetId === dataset.id).map((c) => c.organizationId),
      anonymous: true,
    }),
  );
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
  return {
    '@context': DCAT_CONTEXT,
    '@graph': [
      ...catalogues.map((c) => catalogueNode(c, datasets.filter((d) => d.catalogueId === c.id))),
      ...(await datasetNodes(dataSource, datasets)),
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
  const [node] = await datasetNodes(dataSource, [dataset]);
  return { '@context': DCAT_CONTEXT, ...node };
}

function send(res: Response, document: Node | null, what: string): void {
  if (!document) {
    res.status(404).json({ error: { code: 'NOT_FOUND', message: `${what} was not found` } });
    return;
  }
  res.type(JSONLD_MEDIA_TYPE).send(JSON.stringify(document));
}

/** GET /catalogue, GET /catalogues/:id, GET /datasets/:id (JSON-LD, `application/ld+json`). */
export function registerExportRoutes(app: Express, dataSource: DataSource, logger: Logger): void {
  const handle =
    (produce: (req: Request) => Promise<[Node | null, string]>) =>
    (req: Request, res: Response): void => {
      produce(req)
        .then(([document, what]) => send(res, document, what))
        .catch((error: unknown) => {
          logger.error({ err: error, path: req.path }, 'DCAT export failed');
          res.status(500).json({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Export failed' } });
        });
    };
  app.get(
    '/catalogue',
    handle(async () => [await catalogueDocument(dataSource), 'The catalogue']),
  );
  app.get(
    '/catalogues/:id',
    handle(async (req) => [await catalogueDocument(dataSource, String(req.params.id)), `Catalogue ${String(req.params.id)}`]),
  );
  app.get(
    '/datasets/:id',
    handle(async (req) => [await datasetDocument(dataSource, String(req.params.id)), `Dataset ${String(req.params.id)}`]),
  );
}
