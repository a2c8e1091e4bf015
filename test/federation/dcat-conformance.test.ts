import { type JsonLdDocument } from '@ecosystem/shared';
import { demoOrganization } from '@ecosystem/shared';
import { DataFactory, type Quad } from 'n3';
import { startGraph, type RunningGraph } from '../helpers/graph';
import { DCAT_AP_SHAPE_FILES, quadsOfJsonLd, quadsOfRdfXml, quadsOfTurtle, validateDcatAp } from '../helpers/shacl';

/*
 * The DCAT-AP / HealthDCAT-AP export, as portals get it from the gateway's host, validated with
 * rdf-validate-shacl against the official DCAT-AP 3.0.1 shapes: the whole demo catalogue, in each
 * of its three serialisations, must have zero violations; a deliberately broken copy must not.
 */
let graph: RunningGraph;
const base = (): string => graph.gatewayUrl.replace(/\/graphql$/, '');

beforeAll(async () => {
  graph = await startGraph('dcat-conformance');
}, 180_000);

afterAll(async () => {
  await graph?.stop();
});

const FOAF_NAME = 'http://xmlns.com/foaf/0.1/name';
const DCT_FORMAT = 'http://purl.org/dc/terms/format';
const DCT_PUBLISHER = 'http://purl.org/dc/terms/publisher';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

async function fetchCatalogue(path: string, accept?: string): Promise<{ status: number; type: string; text: string }> {
  const response = await fetch(`${base()}${path}`, accept ? { headers: { accept } } : {});
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
}

describe('DCAT-AP 3.0.1 conformance of the catalogue (official SHACL shapes)', () => {
  let catalogue: Quad[] = [];

  beforeAll(async () => {
    const { status, type, text } = await fetchCatalogue('/catalogue');
    expect(status).toBe(200);
    expect(type).toMatch(/^application\/ld\+json/);
    catalogue = await quadsOfJsonLd(JSON.parse(text) as JsonLdDocument);
  }, 60_000);

  it.each(DCAT_AP_SHAPE_FILES)('the whole catalogue has zero violations against %s', async (file) => {
    expect(catalogue.length).toBeGreaterThan(20_000);
    const verdict = await validateDcatAp(catalogue, file);
    expect(verdict.violations).toEqual({});
    expect(verdict.conforms).toBe(true);
  }, 60_000);

  it('names every agent from the members subgraph (foaf:name) and gives its identifiers', () => {
    const publishers = new Set(catalogue.filter((q) => q.predicate.value === DCT_PUBLISHER).map((q) => q.object.value));
    expect(publishers.size).toBeGreaterThan(10);
    for (const publisher of publishers) {
      expect(catalogue.filter((q) => q.subject.value === publisher && q.predicate.value === FOAF_NAME)).toHaveLength(1);
    }
    const hdh = demoOrganization('health-data-hub');
    const names = catalogue.filter((q) => q.subject.value === `urn:uuid:${hdh.id}` && q.predicate.value === FOAF_NAME);
    expect(names.map((q) => q.object.value)).toEqual([hdh.name]);
  });

  it('gives formats as EU file-type IRIs and media types as IANA IRIs', () => {
    const formats = new Set(catalogue.filter((q) => q.predicate.value === DCT_FORMAT).map((q) => q.object.value));
    expect(formats).toContain('http://publications.europa.eu/resource/authority/file-type/CSV');
    const mediaTypes = new Set(catalogue.filter((q) => q.predicate.value === 'http://www.w3.org/ns/dcat#mediaType').map((q) => q.object.value));
    expect(mediaTypes).toContain('http://www.iana.org/assignments/media-types/text/csv');
    expect([...mediaTypes].every((m) => m.startsWith('http://www.iana.org/assignments/media-types/'))).toBe(true);
  });

  it('reports violations on a broken copy (the check cannot pass vacuously)', async () => {
    const hdh = `urn:uuid:${demoOrganization('health-data-hub').id}`;
    const broken = catalogue
      // An agent without its name, and formats as plain literals again.
      .filter((q) => !(q.subject.value === hdh && q.predicate.value === FOAF_NAME))
      .map((q) => (q.predicate.value === DCT_FORMAT ? DataFactory.quad(q.subject, q.predicate, DataFactory.literal('CSV')) : q));
    const shapes = await validateDcatAp(broken, 'shapes.ttl');
    expect(shapes.conforms).toBe(false);
    expect(shapes.violations['foaf:name MinCount']).toBe(1);
    expect(shapes.violations['dct:format NodeKind']).toBeGreaterThan(500);
    // A publisher that is not typed as an agent breaks the range shapes.
    const untyped = catalogue.filter((q) => !(q.subject.value === hdh && q.predicate.value === RDF_TYPE));
    const range = await validateDcatAp(untyped, 'range.ttl');
    expect(range.conforms).toBe(false);
    expect(range.violations['dct:publisher Class']).toBeGreaterThan(0);
  }, 60_000);
});

describe('content negotiation on every catalogue URL, through the gateway host', () => {
  let datasetPath = '';
  let cataloguePath = '';

  beforeAll(async () => {
    const answer = await graph.query<{ datasets: { edges: { node: { id: string } }[] } }>(`{ datasets(first: 1) { edges { node { id } } } }`);
    datasetPath = `/datasets/${answer.data?.datasets.edges[0]?.node.id ?? ''}`;
    const catalogues = await graph.query<{ dataCatalogues: { id: string }[] }>(`{ dataCatalogues { id } }`);
    cataloguePath = `/catalogues/${catalogues.data?.dataCatalogues[0]?.id ?? ''}`;
  });

  const parse = async (type: string, text: string): Promise<Quad[]> => {
    if (type.startsWith('text/turtle')) return quadsOfTurtle(text);
    if (type.startsWith('application/rdf+xml')) return quadsOfRdfXml(text);
    return quadsOfJsonLd(JSON.parse(text) as JsonLdDocument);
  };

  const cases: [string, string, string][] = [
    ['.jsonld', 'application/ld+json', 'application/ld+json'],
    ['.ttl', 'text/turtle', 'text/turtle'],
    ['.rdf', 'application/rdf+xml', 'application/rdf+xml'],
  ];

  it.each(cases)('serves %s and Accept: %s as %s, the same triples, valid against both shape files', async (extension, accept, expected) => {
    for (const path of [datasetPath, cataloguePath]) {
      const byExtension = await fetchCatalogue(`${path}${extension}`);
      const byAccept = await fetchCatalogue(path, accept);
      for (const answer of [byExtension, byAccept]) {
        expect(answer.status).toBe(200);
        expect(answer.type.startsWith(expected)).toBe(true);
      }
      const quads = await parse(byExtension.type, byExtension.text);
      const reference = await parse(byAccept.type, byAccept.text);
      expect(quads.length).toBeGreaterThan(30);
      expect(quads.length).toBe(reference.length);
      for (const file of DCAT_AP_SHAPE_FILES) expect((await validateDcatAp(quads, file)).violations).toEqual({});
    }
  }, 60_000);

  it('serves the whole catalogue as Turtle at /catalogue.ttl, with the same triples as the JSON-LD', async () => {
    const turtle = await fetchCatalogue('/catalogue.ttl');
    expect(turtle.status).toBe(200);
    expect(turtle.type).toMatch(/^text\/turtle/);
    expect(turtle.text).toContain('@prefix dcat: <http://www.w3.org/ns/dcat#>');
    const jsonLd = await fetchCatalogue('/catalogue', 'application/ld+json');
    expect(quadsOfTurtle(turtle.text).length).toBe((await quadsOfJsonLd(JSON.parse(jsonLd.text) as JsonLdDocument)).length);
  }, 60_000);

  it('ignores media-type parameters in Accept (application/rdf+xml;charset=utf-8 is RDF/XML)', async () => {
    for (const [accept, expected] of [
      ['application/rdf+xml;charset=utf-8', 'application/rdf+xml'],
      ['text/turtle; charset=UTF-8; q=0.9, text/csv', 'text/turtle'],
    ] as const) {
      for (const path of ['/catalogue', datasetPath]) {
        const answer = await fetchCatalogue(path, accept);
        expect({ path, accept, status: answer.status }).toEqual({ path, accept, status: 200 });
        expect(answer.type.startsWith(expected)).toBe(true);
      }
    }
  }, 60_000);

  it('answers 404 (not 502) to two format extensions, with the JSON error body of every export route', async () => {
    for (const suffix of ['.ttl.jsonld', '.ttl.ttl', '.rdf.ttl']) {
      const response = await fetch(`${base()}${datasetPath}${suffix}`);
      expect({ suffix, status: response.status }).toEqual({ suffix, status: 404 });
      expect(await response.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String), requestId: response.headers.get('x-request-id') } });
    }
  });

  it('answers 406 when none of the accepted types is available, and 404 for an unknown dataset in any format', async () => {
    expect((await fetchCatalogue('/catalogue', 'text/csv')).status).toBe(406);
    expect((await fetchCatalogue('/datasets/00000000-0000-0000-0000-000000000000.ttl')).status).toBe(404);
  });
});
