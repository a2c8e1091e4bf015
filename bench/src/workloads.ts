import { getNamedType, type GraphQLSchema, isInputObjectType } from 'graphql';
import { enumValues, fieldOf, operationProblems, selectAll } from './schema';

export type WorkloadId = 'W1' | 'W2' | 'W3' | 'W4';
export type Vars = Record<string, unknown>;

/** Sends one GraphQL request to a URL; returns the parsed body (or throws on a transport error). */
export type Execute = (
  url: string,
  query: string,
  variables: Vars,
  headers?: Record<string, string>,
) => Promise<{ data?: Record<string, unknown> | null; errors?: unknown[] }>;

/** Where each subgraph listens (for the direct floor). */
export type SubgraphUrls = Record<'members' | 'datasets' | 'training' | 'events', string>;

/** The same data fetched from the subgraphs directly, as the query plan would (no gateway). */
export interface DirectPlan {
  /** `single`: one request to one subgraph (autocannon); `chain`: the plan's fetches, run in order. */
  kind: 'single' | 'chain';
  subgraph?: keyof SubgraphUrls;
  run(urls: SubgraphUrls, variables: Vars, execute: Execute, headers: Record<string, string>): Promise<void>;
}

export interface Workload {
  id: WorkloadId;
  title: string;
  query: string;
  /** Weighted variable sets; requests pick among them (popular pages more often). */
  samples: { variables: Vars; weight: number }[];
  /** Variables for the SQL statement count at a given page size (no filter, first page). */
  rowsVariables(rows: number): Vars;
  direct?: DirectPlan;
  /** Requests carry a member's token (writes). */
  authenticated: boolean;
  /** Workload variant actually used (what the current schema allowed). */
  notes: string[];
  /** Builds each request itself (body and headers), instead of the query with the next variables. */
  request?: () => { body: string; headers?: Record<string, string> };
}

/** Deterministic pseudo-random numbers (mulberry32), so every target sees the same request mix. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks variable sets by weight. */
export function sampler(workload: Workload, seed = 1): () => Vars {
  const random = rng(seed);
  const total = workload.samples.reduce((sum, s) => sum + s.weight, 0);
  return () => {
    let r = random() * total;
    for (const s of workload.samples) {
      r -= s.weight;
      if (r <= 0) return s.variables;
    }
    return workload.samples[workload.samples.length - 1]!.variables;
  };
}

function inputFields(schema: GraphQLSchema, name: string): Set<string> {
  const type = schema.getType(name);
  return new Set(isInputObjectType(type) ? Object.keys(type.getFields()) : []);
}

/** Zipf-like popularity: the n-th most popular page gets weight 1 / n^0.9. */
function zipf(list: Vars[]): { variables: Vars; weight: number }[] {
  return list.map((variables, i) => ({ variables, weight: 1 / Math.pow(i + 1, 0.9) }));
}

function pick<T>(values: T[], wanted: T[]): T[] {
  const found = wanted.filter((v) => values.includes(v));
  return found.length > 0 ? found : values.slice(0, wanted.length);
}

/**
 * Directory filters visitors use: none, an ecosystem, a kind, a sector, pairs of them, and search
 * words taken from the organisations' names (a long tail: most searches are seen once or twice).
 */
export function organizationFilters(schema: GraphQLSchema, searchTerms: string[] = []): Vars[] {
  const fields = inputFields(schema, 'OrganizationFilter');
  const filters: Vars[] = [{}];
  const kinds = enumValues(schema, 'OrgKind');
  const sectors = enumValues(schema, 'Sector');
  const ecosystems = ['MEDICEN', 'PSC', 'ADS'];
  if (fields.has('ecosystem')) filters.push(...ecosystems.map((ecosystem) => ({ ecosystem })));
  if (fields.has('sectors')) filters.push(...sectors.map((s) => ({ sectors: [s] })));
  if (fields.has('kinds')) filters.push(...kinds.map((k) => ({ kinds: [k] })));
  if (fields.has('ecosystem') && fields.has('sectors')) {
    for (const ecosystem of ecosystems) for (const s of sectors) filters.push({ ecosystem, sectors: [s] });
  }
  if (fields.has('kinds') && fields.has('sectors')) {
    for (const k of kinds) for (const s of sectors) filters.push({ kinds: [k], sectors: [s] });
  }
  if (fields.has('text')) {
    // Interleaved so that search terms are spread over the popularity ranks, not all in the tail.
    const texts = searchTerms.map((text) => ({ text }));
    const mixed: Vars[] = [];
    for (let i = 0; i < Math.max(filters.length, texts.length); i++) {
      if (filters[i]) mixed.push(filters[i]!);
      if (texts[i]) mixed.push(texts[i]!);
    }
    return mixed;
  }
  return filters;
}

/** Search words from the organisations' names (4-letter prefixes of words, accents folded). */
export async function searchTerms(url: string, execute: Execute, max = 300): Promise<string[]> {
  const body = await execute(url, '{ organizations(first: 200) { edges { node { name } } } }', {});
  const names = nodes(body.data, 'organizations').map((n) => String(n.name));
  const terms = new Set<string>();
  for (const name of names) {
    for (const word of name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/[^a-z]+/)) {
      if (word.length >= 4) terms.add(word.slice(0, 4 + (terms.size % 3)));
    }
  }
  return [...terms].slice(0, max);
}

/** Half-year windows over the seed's years, plus a few kinds. */
export function eventFilters(schema: GraphQLSchema): Vars[] {
  const fields = inputFields(schema, 'EventFilter');
  const filters: Vars[] = [{}];
  if (fields.has('from') && fields.has('to')) {
    for (const year of [2024, 2023, 2022, 2021]) {
      filters.push({ from: `${year}-01-01T00:00:00Z`, to: `${year}-07-01T00:00:00Z` });
      filters.push({ from: `${year}-07-01T00:00:00Z`, to: `${year + 1}-01-01T00:00:00Z` });
    }
  }
  if (fields.has('kinds')) {
    for (const kind of pick(enumValues(schema, 'EventKind'), ['WEBINAR', 'CONFERENCE', 'WORKSHOP'])) filters.push({ kinds: [kind] });
  }
  return filters;
}

function facetsSelection(schema: GraphQLSchema, connection: string): string {
  const facets = fieldOf(schema, connection, 'facets');
  return facets ? `facets ${selectAll(getNamedType(facets.type), 3)}` : '';
}

function firstValid(schema: GraphQLSchema, variants: { query: string; note: string }[]): { query: string; note: string } {
  const problems: string[] = [];
  for (const variant of variants) {
    const found = operationProblems(schema, variant.query);
    if (found.length === 0) return variant;
    problems.push(`${variant.note}: ${found.join('; ')}`);
  }
  throw new Error(`no variant of the workload is valid against the current schema:\n${problems.join('\n')}`);
}

// ---------------------------------------------------------------------------------------------
// The direct floor: the fetches a query plan makes, written out against each subgraph.

interface Rep {
  __typename: string;
  id: string;
}

function reps(typename: string, ids: Iterable<string>): Rep[] {
  return [...new Set(ids)].map((id) => ({ __typename: typename, id }));
}

async function entities(
  execute: Execute,
  url: string,
  representations: Rep[],
  fragment: string,
  headers: Record<string, string>,
): Promise<Record<string, unknown>[]> {
  if (representations.length === 0) return [];
  const body = await execute(
    url,
    `query ($representations: [_Any!]!) { _entities(representations: $representations) { ${fragment} } }`,
    { representations },
    headers,
  );
  if (body.errors?.length) throw new Error(`direct fetch failed: ${JSON.stringify(body.errors[0])}`);
  return (body.data?._entities as Record<string, unknown>[]) ?? [];
}

function nodes(data: Record<string, unknown> | null | undefined, root: string): Record<string, unknown>[] {
  const connection = data?.[root] as { edges: { node: Record<string, unknown> }[] } | undefined;
  return connection?.edges.map((e) => e.node) ?? [];
}

// ---------------------------------------------------------------------------------------------

/** W1: the member directory page: one subgraph, facets for the filter sidebar. */
export function directoryWorkload(schema: GraphQLSchema, terms: string[] = []): Workload {
  const facets = facetsSelection(schema, 'OrganizationConnection');
  const page = (extra: string): string => /* GraphQL */ `
    query Directory($first: Int, $after: String, $filter: OrganizationFilter) {
      organizations(first: $first, after: $after, filter: $filter) {
        totalCount
        pageInfo { hasNextPage endCursor }
        ${extra}
        edges { cursor node { id name acronym kind sectors website } }
      }
    }`;
  const chosen = firstValid(schema, [
    { query: page(facets), note: facets ? 'with facets' : 'facets not in the schema yet' },
    { query: page(''), note: 'without facets' },
  ]);
  const query = chosen.query;
  return {
    id: 'W1',
    title: 'Member directory page: organizations(first: 50) with facets (members only)',
    query,
    samples: zipf(organizationFilters(schema, terms).map((filter) => ({ first: 50, filter }))),
    rowsVariables: (rows) => ({ first: rows }),
    authenticated: false,
    notes: [chosen.note],
    direct: {
      kind: 'single',
      subgraph: 'members',
      async run(urls, variables, execute, headers) {
        await execute(urls.members, query, variables, headers);
      },
    },
  };
}

/** W2: the cross-subgraph overview: organisations with datasets -> presentedAt, training, events. */
export function overviewWorkload(schema: GraphQLSchema, terms: string[] = []): Workload {
  const query = /* GraphQL */ `
    query Overview($first: Int, $after: String, $filter: OrganizationFilter) {
      organizations(first: $first, after: $after, filter: $filter) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges {
          node {
            id
            name
            datasets { id title { fr } presentedAt { id title start } }
            trainingOffers { id title }
            organizedEvents { id title start }
          }
        }
      }
    }`;
  const chosen = firstValid(schema, [{ query, note: 'as specified' }]);
  return {
    id: 'W2',
    title: 'Cross-subgraph overview: organizations(first: 20) with datasets -> presentedAt, trainingOffers, organizedEvents',
    query: chosen.query,
    samples: zipf(organizationFilters(schema, terms).map((filter) => ({ first: 20, filter }))),
    rowsVariables: (rows) => ({ first: rows }),
    authenticated: false,
    notes: [chosen.note],
    direct: {
      kind: 'chain',
      async run(urls, variables, execute, headers) {
        const page = await execute(
          urls.members,
          /* GraphQL */ `query ($first: Int, $after: String, $filter: OrganizationFilter) {
            organizations(first: $first, after: $after, filter: $filter) {
              totalCount pageInfo { hasNextPage endCursor } edges { node { __typename id name } } } }`,
          variables,
          headers,
        );
        const orgs = reps('Organization', nodes(page.data, 'organizations').map((n) => n.id as string));
        const [datasets] = await Promise.all([
          entities(execute, urls.datasets, orgs, '... on Organization { datasets { __typename id title { fr } } }', headers),
          entities(execute, urls.training, orgs, '... on Organization { trainingOffers { id title } }', headers),
          entities(execute, urls.events, orgs, '... on Organization { organizedEvents { id title start } }', headers),
        ]);
        const datasetIds = datasets.flatMap((o) => ((o.datasets as { id: string }[] | undefined) ?? []).map((d) => d.id));
        await entities(execute, urls.events, reps('Dataset', datasetIds), '... on Dataset { presentedAt { id title start } }', headers);
      },
    },
  };
}

/** W3: entity-heavy: 100 events with organisers and presented datasets' publishers. */
export function eventsWorkload(schema: GraphQLSchema): Workload {
  const build = (publisher: boolean): string => /* GraphQL */ `
    query EventPage($first: Int, $after: String, $filter: EventFilter) {
      events(first: $first, after: $after, filter: $filter) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges {
          node {
            id
            title
            start
            organizers { id name }
            presentedDatasets { id title { fr } ${publisher ? 'publisher { id name }' : ''} }
          }
        }
      }
    }`;
  const chosen = firstValid(schema, [
    { query: build(true), note: 'with publishers' },
    { query: build(false), note: 'Dataset.publisher not in the schema yet' },
  ]);
  const withPublisher = chosen.note === 'with publishers';
  const webinars = inputFields(schema, 'EventFilter').has('kinds') && enumValues(schema, 'EventKind').includes('WEBINAR');
  return {
    id: 'W3',
    title: 'Entity-heavy: events(first: 100) with organizers and presented datasets\u2019 publishers',
    query: chosen.query,
    samples: zipf(eventFilters(schema).map((filter) => ({ first: 100, filter }))),
    // Webinars (MeetMyData) present datasets: the first 10 already reach every subgraph of the plan.
    rowsVariables: (rows) => (webinars ? { first: rows, filter: { kinds: ['WEBINAR'] } } : { first: rows }),
    authenticated: false,
    notes: [chosen.note],
    direct: {
      kind: 'chain',
      async run(urls, variables, execute, headers) {
        const page = await execute(
          urls.events,
          /* GraphQL */ `query ($first: Int, $after: String, $filter: EventFilter) {
            events(first: $first, after: $after, filter: $filter) {
              totalCount pageInfo { hasNextPage endCursor }
              edges { node { id title start organizers { __typename id } presentedDatasets { __typename id } } } } }`,
          variables,
          headers,
        );
        const events = nodes(page.data, 'events');
        const orgIds = events.flatMap((e) => (e.organizers as Rep[]).map((o) => o.id));
        const datasetIds = events.flatMap((e) => (e.presentedDatasets as Rep[]).map((d) => d.id));
        const [, datasets] = await Promise.all([
          entities(execute, urls.members, reps('Organization', orgIds), '... on Organization { name }', headers),
          entities(
            execute,
            urls.datasets,
            reps('Dataset', datasetIds),
            `... on Dataset { title { fr } ${withPublisher ? 'publisher { __typename id }' : ''} }`,
            headers,
          ),
        ]);
        if (withPublisher) {
          const publisherIds = datasets.map((d) => (d.publisher as Rep | undefined)?.id).filter((id): id is string => !!id);
          await entities(execute, urls.members, reps('Organization', publisherIds), '... on Organization { name }', headers);
        }
      },
    },
  };
}

/** The read workloads W1-W3 for a schema. */
export function readWorkloads(schema: GraphQLSchema, terms: string[] = []): Workload[] {
  return [directoryWorkload(schema, terms), overviewWorkload(schema, terms), eventsWorkload(schema)];
}

/**
 * Adds `after` cursors (pages 2 and 3) to a workload's samples, read from the graph itself, so a
 * visitor paging through the directory is part of the mix.
 */
export async function addPages(workload: Workload, url: string, execute: Execute, pages = 3): Promise<void> {
  const root = workload.id === 'W3' ? 'events' : 'organizations';
  const expanded: { variables: Vars; weight: number }[] = [];
  for (const sample of workload.samples) {
    expanded.push(sample);
    // Search results are rarely paged: only the browsing filters get pages 2 and 3.
    if ((sample.variables.filter as Vars | undefined)?.text) continue;
    let variables = sample.variables;
    for (let page = 2; page <= pages; page++) {
      const body = await execute(url, `query ($first: Int, $after: String, $filter: ${root === 'events' ? 'EventFilter' : 'OrganizationFilter'}) {
        ${root}(first: $first, after: $after, filter: $filter) { pageInfo { hasNextPage endCursor } } }`, variables);
      const info = (body.data?.[root] as { pageInfo: { hasNextPage: boolean; endCursor: string | null } } | undefined)?.pageInfo;
      if (!info?.hasNextPage || !info.endCursor) break;
      variables = { ...sample.variables, after: info.endCursor };
      // Deeper pages are visited less: weight halves per page.
      expanded.push({ variables, weight: sample.weight / Math.pow(2, page - 1) });
    }
  }
  workload.samples = expanded;
}
