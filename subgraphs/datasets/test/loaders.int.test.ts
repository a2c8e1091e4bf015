import { demoOrganizations } from '@ecosystem/shared';
import type DataLoader from 'dataloader';
import { DatasetRole } from '../src/dataset/dataset.enums';
import { createLoaders, type DatasetsLoaders } from '../src/loaders';
import { demoAccessRequests } from '../src/seed/demo-access-requests';
import { demoCatalogues, demoDatasets } from '../src/seed/demo-catalogue';
import { type Harness, startHarness } from './helpers';

let h: Harness;

beforeAll(async () => {
  h = await startHarness('datasets-loaders');
});

afterAll(async () => {
  await h?.close();
});

const datasets = demoDatasets();
const requests = demoAccessRequests(datasets);
const datasetIds = datasets.map((d) => d.id);
const requestIds = requests.map((r) => r.id).slice(0, 300);
const projectIds = [...new Set(datasets.flatMap((d) => d.projectIds))];
const publisherIds = [...new Set(datasets.map((d) => d.publisherId))];
const piIds = [...new Set(requests.map((r) => r.principalInvestigatorId))].slice(0, 300);
const requesterIds = [...new Set(requests.map((r) => r.requesterId))].slice(0, 300);

type AnyLoader = DataLoader<unknown, unknown, unknown>;
const cases: [keyof DatasetsLoaders, unknown[]][] = [
  ['datasetById', datasetIds],
  ['datasetsByOrganization', publisherIds.map((id) => ({ id, window: DatasetRole.PUBLISHER }))],
  ['datasetsByProjectId', projectIds],
  ['projectIdsByDatasetId', datasetIds],
  ['creatorIdsByDatasetId', datasetIds],
  ['distributionsByDatasetId', datasetIds],
  ['catalogueById', demoCatalogues().map((c) => c.id)],
  ['accessRequestById', requestIds],
  ['accessRequestsByDatasetId', datasetIds],
  ['accessRequestsByPrincipalInvestigatorId', piIds],
  ['accessRequestsByRequesterId', requesterIds],
  ['datasetsByAccessRequestId', requestIds],
  ['historyByAccessRequestId', requestIds],
];

describe('loaders', () => {
  it.each(cases)('%s: N loads are one SQL statement', async (name, keys) => {
    for (const n of [1, keys.length]) {
      const loader = createLoaders(h.db.dataSource)[name] as unknown as AnyLoader;
      h.db.counter.reset();
      const results = await Promise.all(keys.slice(0, n).map((key) => loader.load(key)));
      expect(h.db.counter.total).toBe(1);
      expect(results.filter((r) => r !== null && !(Array.isArray(r) && r.length === 0)).length).toBeGreaterThan(0);
    }
  });

  it('returns the right rows per key', async () => {
    const loaders = createLoaders(h.db.dataSource);
    const request = requests[7];
    const history = await loaders.historyByAccessRequestId.load(request?.id as string);
    expect(history.map((c) => c.toStatus)).toEqual(request?.history.map((c) => c.toStatus));
    const linked = await loaders.datasetsByAccessRequestId.load(request?.id as string);
    expect(linked.map((d) => d.id).sort()).toEqual([...(request?.datasetIds ?? [])].sort());
    const snds = datasets.find((d) => d.key === 'snds-main');
    const forSnds = await loaders.accessRequestsByDatasetId.load(snds?.id as string);
    expect(forSnds.map((r) => r.id).sort()).toEqual(requests.filter((r) => r.datasetIds.includes(snds?.id as string)).map((r) => r.id).sort());
  });

  it('batches mixed roles of Organization.datasets into one statement per role', async () => {
    const loader = createLoaders(h.db.dataSource).datasetsByOrganization;
    const hdh = demoOrganizations().find((o) => o.key === 'health-data-hub')?.id as string;
    h.db.counter.reset();
    const [published, created, hdab] = await Promise.all(
      [DatasetRole.PUBLISHER, DatasetRole.CREATOR, DatasetRole.HDAB].map((role) => loader.load({ id: hdh, window: role })),
    );
    expect(h.db.counter.total).toBe(3);
    expect(published?.length).toBe(datasets.filter((d) => d.publisherId === hdh).length);
    expect(created?.length).toBe(datasets.filter((d) => d.creatorIds.includes(hdh)).length);
    expect(hdab?.length).toBe(datasets.length);
  });
});
