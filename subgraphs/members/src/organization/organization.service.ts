import { addressColumns, authorizeMutation, hasRole, requireViewer, Role, authorizeReference, BadUserInputError, ConflictError, decodeCursor, encodeCursor, ForbiddenError, newId, pageSize, PREFIX_LIKE_ESCAPE, prefixPattern, runTransaction, type Connection, type Viewer, isUniqueViolation, searchWords } from '@ecosystem/shared';
import type DataLoader from 'dataloader';
import { type DataSource, IsNull } from 'typeorm';
import { normalizeFiness, normalizeRna, normalizeRorId, normalizeSiren, normalizeSiret } from '../common/identifiers';
import { Ecosystem } from '../ecosystem/ecosystem.entity';
import { Membership } from '../membership/membership.entity';
import { organizationSearchTerms, OrganizationSearchTerm } from './organization-search-term.entity';
import { compareEntries, directoryFilter, directoryIndexOf, facetsOf, type DirectoryEntry, type DirectoryFilter, type OrganizationFacets } from './directory-index';
import { OrganizationSector } from './organization-sector.entity';
import { Organization } from './organization.entity';
import { OrganizationOrder } from './organization.enums';
export type { OrganizationFacets } from './directory-index';
import {
  type AddMembershipInput,
  type EndMembershipInput,
  type OrganizationsArgs,
  type UpsertOrganizationInput,
} from './organization.inputs';

const MEMBERSHIP_REFUSAL = 'Only admins or the managers of the organisation can change the memberships of this organisation';

/** A page of the directory; `facets` (disjunctive) are counted in memory, with no statement, only when asked for. */
export interface OrganizationPage extends Connection<Organization> {
  readonly facets: Promise<OrganizationFacets>;
  /** The sectors of the page's organisations, from the directory index the page was filtered on. */
  readonly sectors: ReadonlyMap<string, readonly string[]>;
}

const today = (): string => new Date().toISOString().slice(0, 10);

/** Unique identifiers: the column, and the input field that names it in errors. */
const IDENTIFIERS = ['siren', 'siret', 'rorId', 'finess', 'rna'] as const;

interface BrowsingMemo {
  matches: DirectoryEntry[];
  facets?: OrganizationFacets;
}

/** Per index snapshot: the matches and facets of each browsing filter (no text), at most 500 filters. */
const browsingMemos = new WeakMap<readonly DirectoryEntry[], Map<string, BrowsingMemo>>();

/**
 * The entries a browsing filter (no text) selects, and later their facets, computed once per index
 * snapshot: visitors page through the same few filters, which would otherwise filter and count
 * every entry again on each page (its cost at the benchmark's data: docs/performance.md, "The
 * member directory index"). A new snapshot (a write, a reload) starts afresh.
 */
function browsing(entries: readonly DirectoryEntry[], filter: DirectoryFilter): BrowsingMemo {
  let memos = browsingMemos.get(entries);
  if (!memos) browsingMemos.set(entries, (memos = new Map()));
  const key = JSON.stringify([filter.kinds ?? [], filter.sizes ?? [], filter.region ?? null, filter.city ?? null, filter.sectors ?? [], filter.ecosystem ?? null, filter.ecosystems ?? [], filter.roles ?? []]);
  let memo = memos.get(key);
  if (!memo) {
    if (memos.size >= 500) memos.clear();
    memo = { matches: entries.filter(directoryFilter(filter, null)) };
    memos.set(key, memo);
  }
  return memo;
}

/** The organisation directory (over the directory index), lookups, and its writes. */
export class OrganizationService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The ids of the organisations whose name or acronym has, for every word of the text, a word
   * beginning with it: ONE statement over the term index (one prefix range of its primary key per
   * word; a word that begins another word of the text is implied by it, and dropped). Null without words.
   */
  private async textMatches(text: string | null | undefined): Promise<Set<string> | null> {
    const words = searchWords(text);
    const kept = words.filter((word) => !words.some((other) => other !== word && other.startsWith(word)));
    if (kept.length === 0) return null;
    const query = this.dataSource
      .createQueryBuilder()
      .select('t0.organizationId', 'id')
      .distinct(true)
      .from(OrganizationSearchTerm, 't0')
      .where(`t0.term LIKE :w0 ESCAPE '${PREFIX_LIKE_ESCAPE}'`, { w0: prefixPattern(kept[0]!) });
    kept.slice(1).forEach((word, i) => {
      const index = i + 1;
      const terms = query
        .subQuery()
        .select(`t${index}.organizationId`)
        .from(OrganizationSearchTerm, `t${index}`)
        .where(`t${index}.term LIKE :w${index} ESCAPE '${PREFIX_LIKE_ESCAPE}'`);
      query.andWhere(`t0.organizationId IN ${terms.getQuery()}`, { [`w${index}`]: prefixPattern(word) });
    });
    const rows = (await query.getRawMany()) as { id: string }[];
    return new Set(rows.map((row) => row.id));
  }

  /**
   * The directory: filtered, counted and faceted in memory over the directory index (see
   * directory-index.ts), then the page's rows in ONE statement by id. A page costs one statement
   * (two with a text filter), whatever the filter, the page size and the data size.
   */
  async list(args: OrganizationsArgs, organizationById: DataLoader<string, Organization | null>): Promise<OrganizationPage> {
    const limit = pageSize(args.first);
    const filter = args.filter ?? {};
    const descending = args.orderBy === OrganizationOrder.NAME_DESC;
    const cursor = args.after ? decodeCursor(args.after, 2) : null;
    const [entries, text] = await Promise.all([directoryIndexOf(this.dataSource).entries(), this.textMatches(filter.text)]);
    const memo = text ? undefined : browsing(entries, filter);
    const matches = memo?.matches ?? entries.filter(directoryFilter(filter, text));
    // The first match after the cursor, in the order of the page (binary search on (sortName, id)).
    let start = 0;
    if (cursor) {
      const key = { sortName: String(cursor[0]), id: String(cursor[1]) };
      let low = 0;
      let high = matches.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        // Ascending: the first entry > key; descending: the first (from the end) entry < key.
        if (descending ? compareEntries(matches[middle]!, key) < 0 : compareEntries(matches[middle]!, key) <= 0) low = middle + 1;
        else high = middle;
      }
      start = descending ? matches.length - low : low;
    }
    const ordered = (i: number): DirectoryEntry | undefined => (descending ? matches[matches.length - 1 - i] : matches[i]);
    const slice: DirectoryEntry[] = [];
    for (let i = start; i < matches.length && slice.length < limit + 1; i++) slice.push(ordered(i)!);
    const pageEntries = slice.slice(0, limit);
    // Through the request's loader (one statement, built without find options), which then
    // knows these organisations for the rest of the request.
    const rows = await organizationById.loadMany(pageEntries.map((entry) => entry.id));
    const byId = new Map<string, Organization>();
    for (const row of rows) {
      if (row instanceof Error) throw row;
      if (row) byId.set(row.id, row);
    }
    // In index order; an organisation deleted by another replica since the index was loaded is skipped.
    const nodes = pageEntries.filter((entry) => byId.has(entry.id)).map((entry) => ({ entry, row: byId.get(entry.id)! }));
    const edges = nodes.map(({ entry, row }) => ({ cursor: encodeCursor([entry.sortName, entry.id]), node: row }));
    let facets: Promise<OrganizationFacets> | undefined;
    return {
      edges,
      sectors: new Map(nodes.map(({ entry }) => [entry.id, entry.sectors])),
      totalCount: matches.length,
      // As toConnection builds it.
      pageInfo: {
        hasNextPage: slice.length > limit,
        hasPreviousPage: Boolean(args.after),
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
      get facets(): Promise<OrganizationFacets> {
        facets ??= Promise.resolve(memo ? (memo.facets ??= facetsOf(entries, filter, null)) : facetsOf(entries, filter, text));
        return facets;
      },
    };
  }

  async bySiren(value: string): Promise<Organization | null> {
    const siren = normalizeSiren(value);
    if (!siren) throw new BadUserInputError('siren must be 9 digits with a valid Luhn key', 'siren');
    return this.dataSource.getRepository(Organization).findOneBy({ siren });
  }

  async byRor(value: string): Promise<Organization | null> {
    const rorId = normalizeRorId(value);
    if (!rorId) throw new BadUserInputError('rorId is not a valid ROR id', 'rorId');
    return this.dataSource.getRepository(Organization).findOneBy({ rorId });
  }

  /** Checks and normalises the identifiers; BAD_USER_INPUT naming the field, CONFLICT when another organisation holds one. */
  private async identifiers(input: UpsertOrganizationInput, selfId: string | null): Promise<Pick<Organization, (typeof IDENTIFIERS)[number]>> {
    const check = (value: string | null | undefined, normalize: (v: string) => string | null, field: string, what: string): string | null => {
      if (value === null || value === undefined || value.trim() === '') return null;
      const normalized = normalize(value);
      if (!normalized) throw new BadUserInputError(`${field} is not a valid ${what}`, `input.${field}`);
      return normalized;
    };
    let siren = check(input.siren, normalizeSiren, 'siren', 'SIREN (9 digits, Luhn key)');
    const siret = check(input.siret, normalizeSiret, 'siret', 'SIRET (14 digits, Luhn key)');
    if (siret && siren && !siret.startsWith(siren)) {
      throw new BadUserInputError('siret must start with the siren', 'input.siret');
    }
    if (siret && !siren) {
      siren = normalizeSiren(siret.slice(0, 9));
      if (!siren) throw new BadUserInputError('siret does not start with a valid SIREN', 'input.siret');
    }
    const values = {
      siren,
      siret,
      rorId: check(input.rorId, normalizeRorId, 'rorId', 'ROR id (0 + 6 characters + 2-digit checksum)'),
      finess: check(input.finess, normalizeFiness, 'finess', 'FINESS number'),
      rna: check(input.rna, normalizeRna, 'rna', 'RNA number (W + 9 characters)'),
    };
    for (const field of IDENTIFIERS) {
      const value = values[field];
      if (!value) continue;
      const holder = await this.dataSource.getRepository(Organization).findOne({ select: { id: true }, where: { [field]: value } });
      if (holder && holder.id !== selfId) throw new ConflictError(`Another organisation has this ${field}`, `input.${field}`);
    }
    return values;
  }

  private async assertParent(parentId: string, selfId: string | null): Promise<void> {
    if (parentId === selfId) throw new BadUserInputError('An organisation cannot be its own parent', 'input.parentId');
    const repository = this.dataSource.getRepository(Organization);
    let current: string | null = parentId;
    for (let depth = 0; current; depth++) {
      const parent: Organization | null = await repository.findOne({ select: { id: true, parentId: true }, where: { id: current } });
      if (!parent) {
        if (current === parentId) throw new BadUserInputError(`Organisation ${parentId} does not exist`, 'input.parentId');
        break;
      }
      if (parent.parentId === selfId && selfId) throw new BadUserInputError('This parent would make a cycle', 'input.parentId');
      if (depth > 20) throw new BadUserInputError('The parent chain is too deep', 'input.parentId');
      current = parent.parentId;
    }
  }

  async upsert(input: UpsertOrganizationInput, viewer: Viewer | null): Promise<Organization> {
    const who = requireViewer(viewer);
    const repository = this.dataSource.getRepository(Organization);
    const existing = input.id ? await repository.findOneBy({ id: input.id }) : null;
    if (input.id && !existing) throw new BadUserInputError(`Organisation ${input.id} does not exist`, 'input.id');
    if (existing) authorizeMutation(who, 'upsertOrganization', { orgIds: [existing.id] }, 'Only admins or the managers of the organisation can change this organisation');
    else if (!hasRole(who, Role.ADMIN)) throw new ForbiddenError('Only admins can create organisations');

    // An update is a patch: a field left out keeps its value, null clears it.
    const kept = <T>(given: T | undefined, current: T): T => (given === undefined ? current : given);
    const identifiers = await this.identifiers(
      existing
        ? Object.assign(Object.create(Object.getPrototypeOf(input)) as UpsertOrganizationInput, input, {
            siren: input.siren === undefined && input.siret === undefined ? existing.siren : input.siren,
            siret: kept(input.siret, existing.siret),
            rorId: kept(input.rorId, existing.rorId),
            finess: kept(input.finess, existing.finess),
            rna: kept(input.rna, existing.rna),
          })
        : input,
      existing?.id ?? null,
    );
    if (input.parentId && input.parentId !== existing?.parentId) {
      await this.assertParent(input.parentId, existing?.id ?? null);
      // Declaring a subsidiary speaks for the parent too: the parent must consent.
      authorizeReference(who, 'upsertOrganization', 'input.parentId', { orgIds: [input.parentId] },
        'Only admins or someone acting for the parent organisation can declare a subsidiary of it');
    }
    const address = input.address ?? null;
    const addressKept = existing !== null && input.address === undefined;
    if (address && Math.abs(address.latitude ?? 0) > 90) throw new BadUserInputError('latitude must be within [-90, 90]', 'input.address.latitude');
    if (address && Math.abs(address.longitude ?? 0) > 180) throw new BadUserInputError('longitude must be within [-180, 180]', 'input.address.longitude');

    try {
      return await runTransaction(this.dataSource, async (manager) => {
        const organization = existing ?? manager.create(Organization, { id: newId() });
        Object.assign(organization, {
          name: input.name.trim(),
          acronym: kept(input.acronym === undefined ? undefined : input.acronym?.trim() || null, existing?.acronym ?? null),
          kind: input.kind,
          rorTypes: kept(input.rorTypes === undefined ? undefined : [...new Set(input.rorTypes ?? [])], existing?.rorTypes ?? []),
          ...identifiers,
          nafCode: kept(
            input.nafCode === undefined ? undefined : input.nafCode ? input.nafCode.replace(/^(\d{2})(\d{2})/, '$1.$2') : null,
            existing?.nafCode ?? null,
          ),
          legalForm: kept(input.legalForm, existing?.legalForm ?? null),
          sizeCategory: kept(input.sizeCategory, existing?.sizeCategory ?? null),
          ...(addressKept ? {} : { address: addressColumns(address) }),
          website: kept(input.website, existing?.website ?? null),
          parentId: kept(input.parentId, existing?.parentId ?? null),
        });
        organization.fold();
        await manager.save(Organization, organization);
        await manager.delete(OrganizationSearchTerm, { organizationId: organization.id });
        const terms = organizationSearchTerms(organization);
        if (terms.length) await manager.insert(OrganizationSearchTerm, terms);
        if (!existing || input.sectors !== undefined) {
          await manager.delete(OrganizationSector, { organizationId: organization.id });
          const sectors = [...new Set(input.sectors ?? [])];
          if (sectors.length) await manager.insert(OrganizationSector, sectors.map((sector) => ({ organizationId: organization.id, sector })));
        }
        return organization;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('Another organisation has one of these identifiers', 'input');
      throw error;
    }
  }

  private async ecosystemByCode(code: string): Promise<Ecosystem> {
    const ecosystem = await this.dataSource.getRepository(Ecosystem).findOneBy({ code });
    if (!ecosystem) throw new BadUserInputError(`No ecosystem has the code ${code}`, 'input.ecosystemCode');
    return ecosystem;
  }

  async addMembership(input: AddMembershipInput, viewer: Viewer | null): Promise<Membership> {
    authorizeMutation(viewer, 'addMembership', { orgIds: [input.organizationId] }, MEMBERSHIP_REFUSAL);
    if ((await this.dataSource.getRepository(Organization).countBy({ id: input.organizationId })) === 0) {
      throw new BadUserInputError(`Organisation ${input.organizationId} does not exist`, 'input.organizationId');
    }
    const ecosystem = await this.ecosystemByCode(input.ecosystemCode);
    const current = await this.dataSource
      .getRepository(Membership)
      .countBy({ organizationId: input.organizationId, ecosystemId: ecosystem.id, until: IsNull() });
    if (current > 0) throw new ConflictError(`Already a current member of ${ecosystem.code}`, 'input.ecosystemCode');
    try {
      return await runTransaction(this.dataSource, async (manager) => {
        const membership = manager.create(Membership, {
          id: newId(),
          organizationId: input.organizationId,
          ecosystemId: ecosystem.id,
          currentEcosystemId: ecosystem.id,
          role: input.role,
          filieres: [...new Set(input.filieres)],
          since: input.since ?? today(),
          until: null,
        });
        await manager.insert(Membership, membership);
        return membership;
      });
    } catch (error) {
      // A concurrent addMembership won the race: the unique index on current memberships refused this one.
      if (isUniqueViolation(error)) throw new ConflictError(`Already a current member of ${ecosystem.code}`, 'input.ecosystemCode');
      throw error;
    }
  }

  /** Ends the current membership with a conditional UPDATE, so two concurrent calls cannot both end it. */
  async endMembership(input: EndMembershipInput, viewer: Viewer | null): Promise<Membership> {
    authorizeMutation(viewer, 'endMembership', { orgIds: [input.organizationId] }, MEMBERSHIP_REFUSAL);
    const ecosystem = await this.ecosystemByCode(input.ecosystemCode);
    const membership = await this.dataSource
      .getRepository(Membership)
      .findOneBy({ organizationId: input.organizationId, ecosystemId: ecosystem.id, until: IsNull() });
    if (!membership) throw new BadUserInputError(`No current membership in ${ecosystem.code}`, 'input.ecosystemCode');
    const until = input.until ?? today();
    if (membership.since && until < membership.since) {
      throw new BadUserInputError('until cannot be before the start of the membership', 'input.until');
    }
    return runTransaction(this.dataSource, async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(Membership)
        .set({ until, currentEcosystemId: null })
        .where('id = :id AND until IS NULL', { id: membership.id })
        .execute();
      if (result.affected !== 1) throw new ConflictError('The membership was ended meanwhile', 'input.ecosystemCode');
      return Object.assign(membership, { until, currentEcosystemId: null });
    });
  }
}
