import * as jsonld from 'jsonld';
import { type RemoteDocument } from 'jsonld/jsonld-spec';
import Negotiator from 'negotiator';
import { DataFactory, type Quad, type Term, Writer } from 'n3';

/*
 * RDF documents (DCAT-AP, schema.org) in the three serialisations that portals ask for. A document
 * is built once as JSON-LD; Turtle and RDF/XML are written from its triples by RDF libraries
 * (jsonld expands it, n3 writes Turtle, graphy writes RDF/XML), never by hand.
 */

export type RdfFormat = 'jsonld' | 'turtle' | 'rdfxml';

export const RDF_MEDIA_TYPES: Record<RdfFormat, string> = {
  jsonld: 'application/ld+json',
  turtle: 'text/turtle',
  rdfxml: 'application/rdf+xml',
};

/** File extensions that pick a format whatever the Accept header says. */
export const RDF_EXTENSIONS: Record<string, RdfFormat> = { '.jsonld': 'jsonld', '.ttl': 'turtle', '.rdf': 'rdfxml' };

export type JsonLdDocument = Record<string, unknown>;

/** Splits a known RDF extension off a path or id: `/catalogue.ttl` -> [`/catalogue`, 'turtle']. */
export function splitRdfExtension(path: string): [string, RdfFormat | undefined] {
  const dot = path.lastIndexOf('.');
  const format = dot >= 0 ? RDF_EXTENSIONS[path.slice(dot).toLowerCase()] : undefined;
  return format ? [path.slice(0, dot), format] : [path, undefined];
}

/**
 * Content negotiation over an Accept header read without its media-type parameters (q kept), by
 * `negotiator`: `application/rdf+xml;charset=utf-8` asks for RDF/XML, whereas a match on the whole
 * range would take it only for a type offered with the same parameters. Without an Accept header
 * the first type offered is chosen.
 */
export function acceptsIgnoringParameters(req: { headers: { accept?: string | undefined } }): (types: string[]) => string | false {
  const accept = req.headers.accept
    ?.split(',')
    .map((range) => {
      const [type = '', ...parameters] = range.split(';').map((part) => part.trim());
      return [type, ...parameters.filter((parameter) => /^q\s*=/i.test(parameter))].join(';');
    })
    .join(',');
  const negotiator = new Negotiator({ headers: accept ? { accept } : {} });
  return (types) => negotiator.mediaType(types) ?? false;
}

/**
 * The format for a request: the extension first, then the Accept header (`accepts`: as from
 * `acceptsIgnoringParameters`), JSON-LD when the caller accepts anything. `null`: nothing the caller accepts.
 */
export function negotiateRdfFormat(
  extension: RdfFormat | undefined,
  accepts: (types: string[]) => string | false,
): RdfFormat | null {
  if (extension) return extension;
  const chosen = accepts([RDF_MEDIA_TYPES.jsonld, 'application/json', RDF_MEDIA_TYPES.turtle, RDF_MEDIA_TYPES.rdfxml]);
  if (chosen === RDF_MEDIA_TYPES.turtle) return 'turtle';
  if (chosen === RDF_MEDIA_TYPES.rdfxml) return 'rdfxml';
  return chosen ? 'jsonld' : null;
}

interface JsonLdTerm {
  termType: string;
  value: string;
  language?: string;
  datatype?: { value: string };
}
interface JsonLdQuad {
  subject: JsonLdTerm;
  predicate: JsonLdTerm;
  object: JsonLdTerm;
}

function term(value: JsonLdTerm): Term {
  if (value.termType === 'BlankNode') return DataFactory.blankNode(value.value.replace(/^_:/, ''));
  if (value.termType === 'Literal') {
    return DataFactory.literal(value.value, value.language || DataFactory.namedNode(value.datatype?.value ?? 'http://www.w3.org/2001/XMLSchema#string'));
  }
  return DataFactory.namedNode(value.value);
}

const SCHEMA_ORG = 'https://schema.org/';
const SCHEMA_ORG_CONTEXTS = new Set(['https://schema.org', 'https://schema.org/', 'http://schema.org', 'http://schema.org/']);

/**
 * Contexts are never fetched (an export must not depend on a third-party site answering): the
 * documents' contexts are inline, except schema.org's, read here as its vocabulary.
 */
const documentLoader = (url: string): Promise<RemoteDocument> => {
  if (SCHEMA_ORG_CONTEXTS.has(url)) {
    return Promise.resolve({ documentUrl: url, document: { '@context': { '@vocab': SCHEMA_ORG } } });
  }
  return Promise.reject(new Error(`Remote JSON-LD context ${url} is not loaded`));
};

/** The triples of a JSON-LD document (contexts inline, or schema.org's). */
export async function jsonLdToQuads(document: JsonLdDocument): Promise<Quad[]> {
  const quads = (await jsonld.toRDF(document as jsonld.JsonLdDocument, { documentLoader })) as unknown as JsonLdQuad[];
  return quads.map((q) =>
    DataFactory.quad(term(q.subject) as Quad['subject'], term(q.predicate) as Quad['predicate'], term(q.object) as Quad['object']),
  );
}

/** The string prefixes of an inline `@context` (`{ dcat: 'http://www.w3.org/ns/dcat#', ... }`). */
export function contextPrefixes(document: JsonLdDocument): Record<string, string> {
  const context = document['@context'];
  if (typeof context === 'string' && SCHEMA_ORG_CONTEXTS.has(context)) return { schema: SCHEMA_ORG };
  if (!context || typeof context !== 'object' || Array.isArray(context)) return {};
  const prefixes: Record<string, string> = {};
  for (const [name, value] of Object.entries(context as Record<string, unknown>)) {
    if (typeof value === 'string' && !name.startsWith('@') && /[#/]$/.test(value)) prefixes[name] = value;
  }
  const vocab = (context as Record<string, unknown>)['@vocab'];
  if (typeof vocab === 'string') prefixes.schema = vocab;
  return prefixes;
}

function writeTurtle(quads: Quad[], prefixes: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const writer = new Writer({ prefixes });
    writer.addQuads(quads);
    writer.end((error: Error | null, result: string) => (error ? reject(error) : resolve(result)));
  });
}

interface Scribe {
  on(event: 'data', listener: (chunk: string | Buffer) => void): void;
  on(event: 'end', listener: () => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  write(event: { type: 'quad'; value: Quad }): void;
  end(): void;
}

function writeRdfXml(quads: Quad[], prefixes: Record<string, string>): Promise<string> {
  // graphy has no type declarations; its scribe is a transform stream of quad events.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const createScribe = require('@graphy/content.xml.scribe') as (config: { prefixes: Record<string, string> }) => Scribe;
  return new Promise((resolve, reject) => {
    const scribe = createScribe({ prefixes });
    const chunks: string[] = [];
    scribe.on('data', (chunk) => chunks.push(chunk.toString()));
    scribe.on('end', () => resolve(chunks.join('')));
    scribe.on('error', reject);
    // One rdf:Description per subject: the scribe groups consecutive triples of a subject.
    const sorted = [...quads].sort((a, b) => (a.subject.value < b.subject.value ? -1 : a.subject.value > b.subject.value ? 1 : 0));
    for (const quad of sorted) scribe.write({ type: 'quad', value: quad });
    scribe.end();
  });
}

/** The document in the format asked for, with its media type (UTF-8). */
export async function serialiseRdf(document: JsonLdDocument, format: RdfFormat): Promise<{ body: string; contentType: string }> {
  const contentType = `${RDF_MEDIA_TYPES[format]}; charset=utf-8`;
  if (format === 'jsonld') return { body: JSON.stringify(document), contentType };
  const quads = await jsonLdToQuads(document);
  const prefixes = contextPrefixes(document);
  const body = format === 'turtle' ? await writeTurtle(quads, prefixes) : await writeRdfXml(quads, prefixes);
  return { body, contentType };
}
