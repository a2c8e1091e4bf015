import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonLdToQuads, type JsonLdDocument } from '@ecosystem/shared';
import { Parser, type Quad, Store } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import SHACLValidator from 'rdf-validate-shacl';

/*
 * The official DCAT-AP 3.0.1 shapes (test/fixtures/dcat-ap-3.0.1, unchanged) run by rdf-validate-shacl:
 * the validator's report is what the conformance tests assert.
 */

const SHAPES_DIR = join(__dirname, '..', 'fixtures', 'dcat-ap-3.0.1');
export const DCAT_AP_SHAPE_FILES = ['shapes.ttl', 'range.ttl'] as const;
export type ShapeFile = (typeof DCAT_AP_SHAPE_FILES)[number];

const shapes = new Map<ShapeFile, Store>();
function shapesOf(file: ShapeFile): Store {
  let store = shapes.get(file);
  if (!store) {
    store = new Store(new Parser().parse(readFileSync(join(SHAPES_DIR, file), 'utf8')));
    shapes.set(file, store);
  }
  return store;
}

export interface ShaclVerdict {
  conforms: boolean;
  /** Violations by `<path> <constraint component>`, e.g. `dct:format NodeKind`. */
  violations: Record<string, number>;
  total: number;
}

const short = (iri: string | undefined): string =>
  (iri ?? '-')
    .replace('http://purl.org/dc/terms/', 'dct:')
    .replace('http://www.w3.org/ns/dcat#', 'dcat:')
    .replace('http://xmlns.com/foaf/0.1/', 'foaf:')
    .replace('http://data.europa.eu/r5r/', 'dcatap:')
    .replace('http://www.w3.org/ns/shacl#', '')
    .replace(/ConstraintComponent$/, '');

/** Validates triples against one DCAT-AP shapes file; only sh:Violation results count. */
export async function validateDcatAp(quads: Quad[], file: ShapeFile): Promise<ShaclVerdict> {
  const validator = new SHACLValidator(shapesOf(file));
  const report = await validator.validate(new Store(quads));
  const violations: Record<string, number> = {};
  let total = 0;
  for (const result of report.results) {
    if (result.severity?.value !== 'http://www.w3.org/ns/shacl#Violation') continue;
    const key = `${short(result.path?.value)} ${short(result.sourceConstraintComponent?.value)}`;
    violations[key] = (violations[key] ?? 0) + 1;
    total += 1;
  }
  return { conforms: report.conforms, violations, total };
}

export const quadsOfJsonLd = (document: JsonLdDocument): Promise<Quad[]> => jsonLdToQuads(document);

export const quadsOfTurtle = (text: string): Quad[] => new Parser({ format: 'text/turtle' }).parse(text);

export function quadsOfRdfXml(text: string): Promise<Quad[]> {
  return new Promise((resolve, reject) => {
    const quads: Quad[] = [];
    const parser = new RdfXmlParser();
    parser.on('data', (quad: Quad) => quads.push(quad));
    parser.on('error', reject);
    parser.on('end', () => resolve(quads));
    parser.write(text);
    parser.end();
  });
}
