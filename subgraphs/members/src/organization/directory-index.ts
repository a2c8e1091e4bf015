import { aggregateCacheOf, byCountThenValue, foldForSearch, onEveryWrite, outsideStatementScope, type FacetCount, withSelected } from '@ecosystem/shared';
import { type DataSource } from 'typeorm';

/**
 * One organisation in the directory index: what the directory filters, counts and sorts on.
 * Small on the heap (its size and load time at the benchmark's data: docs/performance.md, "The
 * member directory index"): the enum values, regions and codes are interned, so an entry holds
 * references to them.
 */
export interface DirectoryEntry {
  readonly id: string;
  /** Folded name (lower-case a-z, 0-9 and single spaces): the sort key, then `id`. */
  readonly sortName: string;
  readonly kind: string;
  readonly sizeCategory: string | null;
  readonly region: string | null;
  /** The region folded (foldForSearch): what the region filter compares, case and accents ignored. */
  readonly regionKey: string | null;
  /** The city folded likewise (the city filter). */
  readonly cityKey: string | null;
  /** In the order the database sorts them (the sectorsByOrganizationId loader's order). */
  readonly sectors: readonly string[];
  /** Current memberships (`until IS NULL`), as parallel lists: the ecosystem's code and the role. */
  readonly ecosystems: readonly string[];
  /** The same codes folded (foldForSearch), for the ecosystem filters (case ignored). */
  readonly ecosystemKeys: readonly string[];
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
  /** Ecosystem names by code: the labels of the ecosystems facet. */
  readonly ecosystemNames: ReadonlyMap<string, string>;
  readonly loadedAt: number;
}

/**
 * A materialised view of the directory's filter and facet attributes, in memory, one per database.
 *
 * - Every organisation, sorted by (sortName, id); loaded with four plain statements
 *   (organisations, sectors, current memberships with their ecosystem's code, ecosystem names).
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
    return (await this.current()).entries;
  }

  /** Ecosystem names by code, as fresh as the entries. */
  async ecosystemNames(): Promise<ReadonlyMap<string, string>> {
    return (await this.current()).ecosystemNames;
  }

  private async current(): Promise<Snapshot> {
    const snapshot = this.snapshot;
    if (!snapshot || this.stale) return this.reload();
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
    return snapshot;
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
    const [organizations, sectors, memberships, ecosystems] = await Promise.all([
      this.dataSource.query(
        `SELECT ${q('id')} AS id, ${q('sortName')} AS sortName, ${q('kind')} AS kind, ${q('sizeCategory')} AS sizeCategory, ${q('region')} AS region, ${q('city')} AS city FROM ${q('organization')}`,
      ) as Promise<{ id: string; sortName: string; kind: string; sizeCategory: string | null; region: string | null; city: string | null }[]>,
      // In the order of the sectorsByOrganizationId loader (ORDER BY sector, in the column's
      // collation): a directory page answers its organisations' sectors from these lists.
      this.dataSource.query(
        `SELECT ${q('organizationId')} AS organizationId, ${q('sector')} AS sector FROM ${q('organization_sector')} ORDER BY ${q('organizationId')}, ${q('sector')}`,
      ) as Promise<
        { organizationId: string; sector: string }[]
      >,
      this.dataSource.query(
        `SELECT m.${q('organizationId')} AS organizationId, e.${q('code')} AS code, m.${q('role')} AS role FROM ${q('membership')} m INNER JOIN ${q('ecosystem')} e ON e.${q('id')} = m.${q('ecosystemId')} WHERE m.${q('until')} IS NULL`,
      ) as Promise<{ organizationId: string; code: string; role: string }[]>,
      this.dataSource.query(`SELECT ${q('code')} AS code, ${q('name')} AS name FROM ${q('ecosystem')}`) as Promise<{ code: string; name: string }[]>,
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
    const membershipsOf = new Map<string, { ecosystems: string[]; ecosystemKeys: string[]; roles: string[] }>();
    for (const row of memberships) {
      let entry = membershipsOf.get(row.organizationId);
      if (!entry) membershipsOf.set(row.organizationId, (entry = { ecosystems: [], ecosystemKeys: [], roles: [] }));
      entry.ecosystems.push(intern(row.code));
      entry.ecosystemKeys.push(intern(foldForSearch(row.code)));
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
        regionKey: row.region === null ? null : intern(foldForSearch(row.region)),
        cityKey: row.city === null ? null : intern(foldForSearch(row.city)),
        sectors: sectorsOf.get(row.id) ?? none,
        ecosystems: current?.ecosystems ?? none,
        ecosystemKeys: current?.ecosystemKeys ?? none,
        roles: current?.roles ?? none,
      };
    });
    entries.sort(compareEntries);
    return { entries, ecosystemNames: new Map(ecosystems.map((row) => [row.code, row.name])), loadedAt };
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
  sizes?: readonly string[] | null;
  region?: string | null;
  city?: string | null;
  sectors?: readonly string[] | null;
  ecosystem?: string | null;
  ecosystems?: readonly string[] | null;
  roles?: readonly string[] | null;
}

/** The fields of the filter that have a facet of the same name. */
type FacetField = 'kinds' | 'sizes' | 'sectors' | 'ecosystems' | 'roles';

/**
 * The filter compiled once per request: one test per field. `ecosystems` and `roles` must hold
 * together in ONE current membership (a FOUNDING_MEMBER of PSC is not a founding member of
 * MEDICEN); `ecosystem` is a current membership of its own. Enum values compare exactly; the
 * region, the city and the ecosystem codes folded (case and accents ignored: "ile-de-france", "medicen").
 */
class CompiledFilter {
  private readonly kinds: ReadonlySet<string> | null;
  private readonly sizes: ReadonlySet<string> | null;
  private readonly sectors: ReadonlySet<string> | null;
  readonly ecosystems: ReadonlySet<string> | null;
  readonly roles: ReadonlySet<string> | null;
  private readonly region: string | null;
  private readonly city: string | null;
  private readonly ecosystem: string | null;

  constructor(
    filter: DirectoryFilter,
    private readonly text: ReadonlySet<string> | null,
  ) {
    const set = (values: readonly string[] | null | undefined, fold = false): ReadonlySet<string> | null =>
      values?.length ? new Set(fold ? values.map((value) => foldForSearch(value)) : values) : null;
    this.kinds = set(filter.kinds);
    this.sizes = set(filter.sizes);
    this.sectors = set(filter.sectors);
    this.ecosystems = set(filter.ecosystems, true);
    this.roles = set(filter.roles);
    this.region = filter.region?.trim() ? foldForSearch(filter.region) : null;
    this.city = filter.city?.trim() ? foldForSearch(filter.city) : null;
    this.ecosystem = filter.ecosystem?.trim() ? foldForSearch(filter.ecosystem) : null;
  }

  /** The fields without a facet (text, region, city, the single ecosystem): always applied. */
  base(entry: DirectoryEntry): boolean {
    if (this.text && !this.text.has(entry.id)) return false;
    if (this.region !== null && entry.regionKey !== this.region) return false;
    if (this.city !== null && entry.cityKey !== this.city) return false;
    if (this.ecosystem !== null && !entry.ecosystemKeys.includes(this.ecosystem)) return false;
    return true;
  }

  kind(entry: DirectoryEntry): boolean {
    return !this.kinds || this.kinds.has(entry.kind);
  }

  size(entry: DirectoryEntry): boolean {
    return !this.sizes || (entry.sizeCategory !== null && this.sizes.has(entry.sizeCategory));
  }

  sector(entry: DirectoryEntry): boolean {
    return !this.sectors || entry.sectors.some((sector) => this.sectors!.has(sector));
  }

  /** Membership i is in a selected ecosystem (or none is selected). */
  ecosystemAt(entry: DirectoryEntry, i: number): boolean {
    return !this.ecosystems || this.ecosystems.has(entry.ecosystemKeys[i]!);
  }

  /** Membership i is in a selected role (or none is selected). */
  roleAt(entry: DirectoryEntry, i: number): boolean {
    return !this.roles || this.roles.has(entry.roles[i]!);
  }

  membership(entry: DirectoryEntry): boolean {
    if (!this.ecosystems && !this.roles) return true;
    for (let i = 0; i < entry.ecosystems.length; i++) if (this.ecosystemAt(entry, i) && this.roleAt(entry, i)) return true;
    return false;
  }

  matches(entry: DirectoryEntry): boolean {
    return this.base(entry) && this.kind(entry) && this.size(entry) && this.sector(entry) && this.membership(entry);
  }
}

/** The predicate of a filter over index entries; `text`: the ids matching the text filter (null: no text filter). */
export function directoryFilter(filter: DirectoryFilter, text: ReadonlySet<string> | null): (entry: DirectoryEntry) => boolean {
  const compiled = new CompiledFilter(filter, text);
  return (entry) => compiled.matches(entry);
}

export interface OrganizationFacets {
  kinds: FacetCount[];
  sectors: FacetCount[];
  ecosystems: FacetCount[];
  roles: FacetCount[];
  sizes: FacetCount[];
}

/**
 * Disjunctive facets (see FacetCount in the shared package) in one pass over the index: each
 * facet counts the organisations that match every field of the filter but its own, once per
 * value. An organisation that fails one facet field's test counts only in that facet; one that
 * fails two counts in none. Ecosystems and roles are counted per current membership: the
 * ecosystems facet counts a membership when its role is selected (or no role is), and the other
 * way round, as the two fields match together. Organisations without a size are not counted in
 * sizes. Sorted by count, then value.
 */
export function facetsOf(entries: readonly DirectoryEntry[], filter: DirectoryFilter, text: ReadonlySet<string> | null): OrganizationFacets {
  const compiled = new CompiledFilter(filter, text);
  const counts: Record<FacetField, Map<string, number>> = {
    kinds: new Map(),
    sectors: new Map(),
    ecosystems: new Map(),
    roles: new Map(),
    sizes: new Map(),
  };
  const add = (field: FacetField, value: string): void => {
    const map = counts[field];
    map.set(value, (map.get(value) ?? 0) + 1);
  };
  // Each value once per organisation (lists of one value, the common case, need no check).
  const addEach = (field: FacetField, values: readonly string[], keep: (i: number) => boolean): void => {
    for (let i = 0; i < values.length; i++) if (keep(i) && values.indexOf(values[i]!) === i) add(field, values[i]!);
  };
  const addKept = (field: FacetField, values: readonly string[], keep: (i: number) => boolean): void => {
    const seen = new Set<string>();
    for (let i = 0; i < values.length; i++) {
      if (keep(i) && !seen.has(values[i]!)) {
        seen.add(values[i]!);
        add(field, values[i]!);
      }
    }
  };
  const all = (): boolean => true;
  for (const entry of entries) {
    if (!compiled.base(entry)) continue;
    const kind = compiled.kind(entry);
    const size = compiled.size(entry);
    const sector = compiled.sector(entry);
    const membership = compiled.membership(entry);
    const failed = Number(!kind) + Number(!size) + Number(!sector) + Number(!membership);
    if (failed > 1) continue;
    if (size && sector && membership) add('kinds', entry.kind);
    if (kind && sector && membership && entry.sizeCategory !== null) add('sizes', entry.sizeCategory);
    if (kind && size && membership) addEach('sectors', entry.sectors, all);
    if (kind && size && sector) {
      // Counted apart from `membership`: a membership with a selected role counts for its
      // ecosystem even when no membership matches both fields yet.
      addKept('ecosystems', entry.ecosystems, (i) => compiled.roleAt(entry, i));
      addKept('roles', entry.roles, (i) => compiled.ecosystemAt(entry, i));
    }
  }
  const sorted = (field: FacetField, same?: (counted: string, chosen: string) => boolean): FacetCount[] =>
    withSelected([...counts[field]].map(([value, count]) => ({ value, count })), filter[field], byCountThenValue, same);
  return {
    kinds: sorted('kinds'),
    sectors: sorted('sectors'),
    ecosystems: sorted('ecosystems', (counted, chosen) => foldForSearch(counted) === foldForSearch(chosen)),
    roles: sorted('roles'),
    sizes: sorted('sizes'),
  };
}
