import { demoOrganizations, type RunningServer } from '@ecosystem/shared';
import * as jsonld from 'jsonld';
import * as N3 from 'n3';
import { demoCatalogues, demoDatasets } from '../src/seed/demo-catalogue';
import { type Harness, startHarness } from './helpers';

let h: Harness;
let running: RunningServer;

beforeAll(async () => {
  h = await startHarness('datasets-export');
  running = await h.server.listen(0, '127.0.0.1');
});

afterAll(async () => {
  await running?.close();
  await h?.db.close();
});

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const HEALTH = 'http://healthdataportal.eu/ns/health#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';

interface Term {
  termType: string;
  value: string;
  datatype?: { value: string };
  language?: string;
}
interface Quad {
  subject: Term;
  predicate: Term;
  object: Term;
}

/** Fetches a document and turns it into RDF triples with a JSON-LD processor. */
async function triples(path: string): Promise<{ status: number; type: string | null; quads: Quad[] }> {
  const response = await fetch(`${running.url}${path}`);
  const type = response.headers.get('content-type');
  if (response.status !== 200) return { status: response.status, type, quads: [] };
  const document = (await response.json()) as object;
  const quads = (await jsonld.toRDF(document as jsonld.JsonLdDocument)) as unknown as Quad[];
  return { status: response.status, type, quads };
}

const objects = (quads: Quad[], subject: string, predicate: string): Term[] =>
  quads.filter((q) => q.subject.value === subject && q.predicate.value === predicate).map((q) => q.object);

const snds = demoDatasets().find((d) => d.key === 'snds-main');
const hdh = demoOrganizations().find((o) => o.key === 'health-data-hub');
const openDataset = demoDatasets().find((d) => d.accessRights === 'PUBLIC' && d.distributions.some((x) => x.downloadURL));

describe('DCAT-AP JSON-LD export', () => {
  it('serves one dataset at /datasets/:id with its title, publisher, distributions and health properties', async () => {
    const { status, type, quads } = await triples(`/datasets/${snds?.id}`);
    expect(status).toBe(200);
    expect(type).toMatch(/^application\/ld\+json/);
    const subject = snds?.identifier as string;
    expect(objects(quads, subject, RDF_TYPE).map((o) => o.value)).toEqual([`${DCAT}Dataset`]);
    expect(objects(quads, subject, `${DCT}title`)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ value: 'Système national des données de santé (base principale)', language: 'fr' }),
        expect.objectContaining({ value: 'French National Health Data System (main database)', language: 'en' }),
      ]),
    );
    expect(objects(quads, subject, `${DCT}publisher`)).toEqual([expect.objectContaining({ termType: 'NamedNode', value: `urn:uuid:${hdh?.id}` })]);
    expect(objects(quads, subject, `${HEALTH}numberOfUniqueIndividuals`)).toEqual([
      expect.objectContaining({ value: '68420131', datatype: expect.objectContaining({ value: `${XSD}nonNegativeInteger` }) }),
    ]);
    expect(objects(quads, subject, `${HEALTH}numberOfRecords`)[0]?.value).toBe('31500000000');
    expect(objects(quads, subject, `${HEALTH}hasCodingSystem`).map((o) => o.value)).toContain('http://www.wikidata.org/entity/P494');
    expect(objects(quads, subject, `${DCT}accessRights`).map((o) => o.value)).toEqual([
      'http://publications.europa.eu/resource/authority/access-right/NON_PUBLIC',
    ]);
    expect(objects(quads, subject, 'https://w3id.org/dpv#hasLegalBasis').map((o) => o.value)).toContain('https://w3id.org/dpv#PublicInterest');

    const distributions = objects(quads, subject, `${DCAT}distribution`);
    expect(distributions).toHaveLength(snds?.distributions.length ?? -1);
    for (const distribution of distributions) {
      expect(objects(quads, distribution.value, RDF_TYPE).map((o) => o.value)).toEqual([`${DCAT}Distribution`]);
      // Non-public: the access URL is the landing page where access is requested; no download link.
      expect(objects(quads, distribution.value, `${DCAT}accessURL`).map((o) => o.value)).toEqual([snds?.landingPage]);
      expect(objects(quads, distribution.value, `${DCAT}downloadURL`)).toEqual([]);
    }
  });

  it('gives the download links of a public dataset', async () => {
    const { quads } = await triples(`/datasets/${openDataset?.id}`);
    const subject = openDataset?.identifier as string;
    const downloads = objects(quads, subject, `${DCAT}distribution`).flatMap((d) => objects(quads, d.value, `${DCAT}downloadURL`));
    expect(downloads.map((o) => o.value).sort()).toEqual(
      (openDataset?.distributions ?? []).flatMap((d) => (d.downloadURL ? [d.downloadURL] : [])).sort(),
    );
  });

  it('serves the whole catalogue at /catalogue: each dcat:Catalog with its datasets, each described', async () => {
    const { status, type, quads } = await triples('/catalogue');
    expect(status).toBe(200);
    expect(type).toMatch(/^application\/ld\+json/);
    const catalogues = quads.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === `${DCAT}Catalog`);
    expect(catalogues.map((q) => q.subject.value).sort()).toEqual(demoCatalogues().map((c) => `urn:uuid:${c.id}`).sort());
    for (const catalogue of demoCatalogues()) {
      const listed = objects(quads, `urn:uuid:${catalogue.id}`, `${DCAT}dataset`).map((o) => o.value).sort();
      expect(listed).toEqual(demoDatasets().filter((d) => d.catalogueId === catalogue.id).map((d) => d.identifier).sort());
      expect(objects(quads, `urn:uuid:${catalogue.id}`, `${DCT}publisher`)[0]?.value).toBe(`urn:uuid:${catalogue.publisherId}`);
    }
    const described = quads.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === `${DCAT}Dataset`);
    expect(described).toHaveLength(demoDatasets().length);
    const distributions = quads.filter((q) => q.predicate.value === `${DCAT}distribution`);
    expect(distributions).toHaveLength(demoDatasets().reduce((n, d) => n + d.distributions.length, 0));
    for (const d of demoDatasets().slice(0, 20)) {
      expect(objects(quads, d.identifier, `${DCT}title`)[0]?.value).toBe(d.titleFr);
      expect(objects(quads, d.identifier, `${DCT}publisher`)[0]?.value).toBe(`urn:uuid:${d.publisherId}`);
    }
  });

  it('serves one catalogue at /catalogues/:id and answers 404 for unknown ones', async () => {
    const catalogue = demoCatalogues()[1];
    const { quads } = await triples(`/catalogues/${catalogue?.id}`);
    expect(quads.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === `${DCAT}Dataset`)).toHaveLength(
      demoDatasets().filter((d) => d.catalogueId === catalogue?.id).length,
    );
    expect((await triples('/catalogues/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await triples('/datasets/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('finds a dataset by its persistent identifier too', async () => {
    const { status, quads } = await triples(`/datasets/${encodeURIComponent(snds?.identifier as string)}`);
    expect(status).toBe(200);
    expect(objects(quads, snds?.identifier as string, RDF_TYPE)).toHaveLength(1);
  });
});

describe('DCAT-AP serialisations and vocabulary values', () => {
  const fetchText = async (path: string, accept?: string): Promise<{ status: number; type: string; text: string }> => {
    const response = await fetch(`${running.url}${path}`, accept ? { headers: { accept } } : {});
    return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
  };

  it('serves Turtle and RDF/XML by extension and by Accept, with the triples of the JSON-LD', async () => {
    const path = `/datasets/${snds?.id}`;
    const reference = (await triples(path)).quads.length;
    for (const [suffix, accept, type] of [
      ['.ttl', 'text/turtle', 'text/turtle'],
      ['.rdf', 'application/rdf+xml', 'application/rdf+xml'],
      ['.jsonld', 'application/ld+json', 'application/ld+json'],
    ] as const) {
      const byExtension = await fetchText(`${path}${suffix}`);
      const byAccept = await fetchText(path, `${accept}, application/ld+json;q=0.5`);
      expect([byExtension.status, byAccept.status]).toEqual([200, 200]);
      expect(byExtension.type.startsWith(type) && byAccept.type.startsWith(type)).toBe(true);
      expect(byExtension.text).toBe(byAccept.text);
    }
    const turtle = (await fetchText(`${path}.ttl`)).text;
    expect(new N3.Parser().parse(turtle)).toHaveLength(reference);
    expect((await fetchText('/catalogue.ttl')).type).toMatch(/^text\/turtle/);
    expect((await fetchText('/catalogue', 'text/csv')).status).toBe(406);
  });

  it('types vocabulary values and agents as DCAT-AP expects (names come from the gateway)', async () => {
    const { quads } = await triples(`/datasets/${snds?.id}`);
    const publisher = `urn:uuid:${hdh?.id}`;
    expect(objects(quads, publisher, RDF_TYPE).map((o) => o.value).sort()).toEqual(['http://xmlns.com/foaf/0.1/Agent', 'http://xmlns.com/foaf/0.1/Organization']);
    expect(objects(quads, publisher, `${DCT}identifier`).map((o) => o.value)).toEqual([hdh?.id]);
    const distribution = objects(quads, snds?.identifier as string, `${DCAT}distribution`)[0]?.value as string;
    const format = objects(quads, distribution, `${DCT}format`)[0]?.value as string;
    expect(format).toMatch(/^http:\/\/publications\.europa\.eu\/resource\/authority\/file-type\/|^https:\/\/data\.example\.org\/ns\/ecosystem#format-/);
    expect(objects(quads, format, RDF_TYPE).map((o) => o.value)).toEqual([`${DCT}MediaTypeOrExtent`]);
  });
});
