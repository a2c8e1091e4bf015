import { aggregateCacheOf, onEveryWrite, outsideStatementScope } from '@ecosystem/shared';
import { type DataSource } from 'typeorm';

/**
 * One organisation in the directory index: what the directory filters, counts and sorts on.
 * Under 1 KB each on the heap (measured on the bench's 10x copy: 6,300 entries, ~5 MB, loaded in
 * ~90 ms); the enum values, regions and codes are interned, so an entry holds references to them.
 */
export interface DirectoryEntry {
  readonly id: string;
  /** Folded name (lower-case a-z, 0-9 and single spaces): the sort key, then `id`. */
  readonly sortName: string;
  readonly kind: string;
  readonly sizeCategory: string | null;
  readonly region: string | null;
  readonly sectors: readonly string[];
  /** Current memberships (`until IS NULL`), as parallel lists: the ecosystem's code and the role. */
  readonly ecosystems: readonly string[];
  readonly roles: readonly string[];
}

/** (sortName, id) order: plain code-unit comparison, the single source of the directory's order. */
export function compareEntries(a: { sortName: string; id: string }, b: { sortName: string; id: string }): number {
  if (a.sortName !== b.sortName) return a.sortName < b.sortName ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

export interface DirectoryIndexOptions {
  /**
   * Past this age, the index is reloaded in the background (writes of other replicas); undefined or
   * 0: only after this process's own writes.
   */
  ttlSeconds?: number;
  /** Clock, for tests. */
  now?: () => number;
}

interface Snapshot {
  readonly entries: readonly DirectoryEntry[];
  readonly loadedAt: number;
}

/**
 * A materialised view of the directory's filter and facet attributes, in memory, one per database.
 *
 * - Every organisation, sorted by (sortName, id); loaded with three plain statements
 *   (organisations, sectors, current memberships with their ecosystem's code).
 * - Every write on the database (a committed transaction, or a repository write outside one) marks it
 *   stale: the next read reloads it and waits (concurrent readers share the reload), so a process
 *   always sees its own writes. A reload that started before a write is returned to the readers
 *   that waited for it but not kept (a generation counter).
 * - Writes made by another replica: once the index is older than `ttlSeconds`, a read serves it as
 *   it is and starts a reload in the background (one at a time).
 */
export class DirectoryIndex {
  private snapshot: Snapshot | null = null;
  private stale = true;
  private generation = 0;
  private loading: Promise<Snapshot> | null = null;
  private background: Promise<unknown> | null = null;
  /** Loads run so far (tests check the index is not loaded per request). */
  loads = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: DirectoryIndexOptions = {},
  ) {}

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** The entries in (sortName, id) order: fresh after a local write, at most `ttlSeconds` (+ a reload) old otherwise. */
  async entries(): Promise<readonly DirectoryEntry[]> {
    const snapshot = this.snapshot;
    if (!snapshot || this.stale) return (await this.reload()).entries;
    const ttl = this.options.ttlSeconds ?? 0;
    if (ttl > 0 && this.now() - snapshot.loadedAt >= ttl * 1000 && !this.loading) {
      // Stale-while-revalidate: this read gets the current index; a failed reload keeps it.
      // Not the request's work: its statements are not counted (nor logged) under the request.
      const run = outsideStatementScope(() => this.reload()).catch(() => undefined);
      this.background = run;
      void run.finally(() => {
        if (this.background === run) this.background = null;
      });
    }
    return snapshot.entries;
  }

  /** Marks the index stale (every write on the database); a reload under way will not be kept. */
  invalidate(): void {
    this.generation += 1;
    this.stale = true;
    this.loading = null;
  }

  /** Resolves when no background reload is running (tests). */
  async settled(): Promise<void> {
    while (this.background) await this.background;
  }

  private reload(): Promise<Snapshot> {
    if (this.loading) return this.loading;
    const generation = this.generation;
    const run = this.load().then((snapshot) => {
      if (generation === this.generation) {
        this.snapshot = snapshot;
        this.stale = false;
      }
      return snapshot;
    });
    this.loading = run;
    const forget = (): void => {
      if (this.loading === run) this.loading = null;
    };
    run.then(forget, forget);
    return run;
  }

  private async load(): Promise<Snapshot> {
    this.loads += 1;
    const loadedAt = this.now();
    const q = (name: string): string => this.dataSource.driver.escape(name);
    const [organizations, sectors, memberships] = await Promise.all([
      this.dataSource.query(
        `SELECT ${q('id')} AS id, ${q('sortName')} AS sortName, ${q('kind')} AS kind, ${q('sizeCategory')} AS sizeCategory, ${q('region')} AS region FROM ${q('organization')}`,
      ) as Promise<{ id: string; sortName: string; kind: string; sizeCategory: string | null; region: string | null }[]>,
      this.dataSource.query(`SELECT ${q('organizationId')} AS organizationId, ${q('sector')} AS sector FROM ${q('organization_sector')}`) as Promise<
        { organizationId: string; sector: string }[]
      >,
      this.dataSource.query(
        `SELECT m.${q('organizationId')} AS organizationId, e.${q('code')} AS code, m.${q('role')} AS role FROM ${q('membership')} m INNER JOIN ${q('ecosystem')} e ON e.${q('id')} = m.${q('ecosystemId')} WHERE m.${q('until')} IS NULL`,
      ) as Promise<{ organizationId: string; code: string; role: string }[]>,
    ]);
    const interned = new Map<string, string>();
    const intern = (value: string): string => {
      const known = interned.get(value);
      if (known !== undefined) return known;
      interned.set(value, value);
      return value;
    };
    const sectorsOf = new Map<string, string[]>();
    for (const row of sectors) {
      const list = sectorsOf.get(row.organizationId);
      if (list) list.push(intern(row.sector));
      else sectorsOf.set(row.organizationId, [intern(row.sector)]);
    }
    const membershipsOf = new Map<string, { ecosystems: string[]; roles: string[] }>();
    for (const row of memberships) {
      let entry = membershipsOf.get(row.organizationId);
      if (!entry) membershipsOf.set(row.organizationId, (entry = { ecosystems: [], roles: [] }));
      entry.ecosystems.push(intern(row.code));
      entry.roles.push(intern(row.role));
    }
    const none: readonly string[] = [];
    const entries: DirectoryEntry[] = organizations.map((row) => {
      const current = membershipsOf.get(row.id);
      return {
        id: row.id,
        sortName: row.sortName,
        kind: intern(row.kind),
        sizeCategory: row.sizeCategory === null ? null : intern(row.sizeCategory),
        region: row.region === null ? null : intern(row.region),
        sectors: sectorsOf.get(row.id) ?? none,
        ecosystems: current?.ecosystems ?? none,
        roles: current?.roles ?? none,
      };
    });
    entries.sort(compareEntries);
    return { entries, loadedAt };
  }
}

const indexes = new WeakMap<DataSource, { index: DirectoryIndex; stopListening: () => void }>();

/**
 * The database's directory index, created on first use. Its TTL is the aggregate cache's
 * (AGGREGATE_CACHE_TTL_SECONDS, attached by runSubgraph); without an aggregate cache (tests'
 * databases) or with a TTL of 0, it is reloaded only after this process's writes.
 */
export function directoryIndexOf(dataSource: DataSource): DirectoryIndex {
  return indexes.get(dataSource)?.index ?? attachDirectoryIndex(dataSource, { ttlSeconds: aggregateCacheOf(dataSource)?.options.ttlSeconds });
}

/** Gives a database a directory index with these options (tests: a tiny TTL, a fake clock). */
export function attachDirectoryIndex(dataSource: DataSource, options: DirectoryIndexOptions): DirectoryIndex {
  indexes.get(dataSource)?.stopListening();
  const index = new DirectoryIndex(dataSource, options);
  // Every commit (and TypeORM write outside a transaction) marks it stale.
  indexes.set(dataSource, { index, stopListening: onEveryWrite(dataSource, () => index.invalidate()) });
  return index;
}

/** The directory's filter (see OrganizationFilter): every given field must match. */
export interface DirectoryFilter {
  kinds?: readonly string[] | null;
  sizeCategory?: readonly string[] | null;
  region?: string | null;
  sectors?: readonly string[] | null;
  ecosystem?: string | null;
  ecosystems?: readonly string[] | null;
  roles?: readonly string[] | null;
}

/**
 * The predicate of a filter over index entries; `text`: the ids matching the text filter (null:
 * no text filter). `ecosystems` and `roles` must hold together in ONE current membership (a
 * FOUNDING_MEMBER of PSC is not a founding member of MEDICEN); `ecosystem` is a current membership
 * of its own. Values compare exactly (the enum names and ecosystem codes as stored).
 */
export function directoryFilter(filter: DirectoryFilter, text: ReadonlySet<string> | null): (entry: DirectoryEntry) => boolean {
  const kinds = filter.kinds?.length ? new Set(filter.kinds) : null;
  const sizes = filter.sizeCategory?.length ? new Set(filter.sizeCategory) : null;
  const sectors = filter.sectors?.length ? new Set(filter.sectors) : null;
  const ecosystems = filter.ecosystems?.length ? new Set(filter.ecosystems) : null;
  const roles = filter.roles?.length ? new Set(filter.roles) : null;
  const { region, ecosystem } = filter;
  return (entry) => {
    if (text && !text.has(entry.id)) return false;
    if (kinds && !kinds.has(entry.kind)) return false;
    if (sizes && (entry.sizeCategory === null || !sizes.has(entry.sizeCategory))) return false;
    if (region && entry.region !== region) return false;
    if (sectors && !entry.sectors.some((sector) => sectors.has(sector))) return false;
    if (ecosystem && !entry.ecosystems.includes(ecosystem)) return false;
    if (ecosystems || roles) {
      let found = false;
      for (let i = 0; i < entry.ecosystems.length && !found; i++) {
        found = (!ecosystems || ecosystems.has(entry.ecosystems[i]!)) && (!roles || roles.has(entry.roles[i]!));
      }
      if (!found) return false;
    }
    return true;
  };
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface OrganizationFacets {
  kinds: FacetCount[];
  sectors: FacetCount[];
  ecosystems: FacetCount[];
  roles: FacetCount[];
  sizes: FacetCount[];
}

/**
 * Counts per kind, sector, ecosystem, membership role and size over the matching entries: each
 * organisation counted once per value; ecosystems and roles from current memberships only;
 * organisations without a size are not counted in sizes. Sorted by count, then value.
 */
export function facetsOf(entries: readonly DirectoryEntry[]): OrganizationFacets {
  const kinds = new Map<string, number>();
  const sectors = new Map<string, number>();
  const ecosystems = new Map<string, number>();
  const roles = new Map<string, number>();
  const sizes = new Map<string, number>();
  const add = (counts: Map<string, number>, value: string): void => {
    counts.set(value, (counts.get(value) ?? 0) + 1);
  };
  // Each value once per organisation (lists of one value, the common case, need no check).
  const addEach = (counts: Map<string, number>, values: readonly string[]): void => {
    if (values.length === 1) add(counts, values[0]!);
    else for (let i = 0; i < values.length; i++) if (values.indexOf(values[i]!) === i) add(counts, values[i]!);
  };
  for (const entry of entries) {
    add(kinds, entry.kind);
    if (entry.sizeCategory !== null) add(sizes, entry.sizeCategory);
    if (entry.sectors.length) addEach(sectors, entry.sectors);
    if (entry.ecosystems.length) {
      addEach(ecosystems, entry.ecosystems);
      addEach(roles, entry.roles);
    }
  }
  const sorted = (counts: Map<string, number>): FacetCount[] =>
    [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return { kinds: sorted(kinds), sectors: sorted(sectors), ecosystems: sorted(ecosystems), roles: sorted(roles), sizes: sorted(sizes) };
}
