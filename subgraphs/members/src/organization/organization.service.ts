import { BadUserInputError, ConflictError, ForbiddenError, likePattern, newId, paginate, runTransaction, type Connection, type Viewer, isUniqueViolation } from '@ecosystem/shared';
import { type DataSource, IsNull, type SelectQueryBuilder } from 'typeorm';
import { assertManagesAny, isAdmin, requireViewer } from '../common/authorization';
import { normalizeFiness, normalizeRna, normalizeRorId, normalizeSiren, normalizeSiret } from '../common/identifiers';
import { Ecosystem } from '../ecosystem/ecosystem.entity';
import { Membership } from '../membership/membership.entity';
import { OrganizationSector } from './organization-sector.entity';
import { Organization } from './organization.entity';
import { OrganizationOrder } from './organization.enums';
import {
  type AddMembershipInput,
  type EndMembershipInput,
  type OrganizationFilter,
  type OrganizationsArgs,
  type UpsertOrganizationInput,
} from './organization.inputs';

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

/** A page of the directory; `facets` is computed (one statement) only when asked for. */
export interface OrganizationPage extends Connection<Organization> {
  readonly facets: Promise<OrganizationFacets>;
}

const today = (): string => new Date().toISOString().slice(0, 10);

/** Unique identifiers: the column, and the input field that names it in errors. */
const IDENTIFIERS = ['siren', 'siret', 'rorId', 'finess', 'rna'] as const;

/** The organisation directory: filters, facets, keyset pagination, and its writes. */
export class OrganizationService {
  constructor(private readonly dataSource: DataSource) {}

  private filtered(filter: OrganizationFilter): SelectQueryBuilder<Organization> {
    const query = this.dataSource.getRepository(Organization).createQueryBuilder('org');
    if (filter.text?.trim()) {
      query.andWhere('org.searchText LIKE :text', { text: likePattern(filter.text) });
    }
    if (filter.kinds?.length) {
      query.andWhere('org.kind IN (:...kinds)', { kinds: filter.kinds });
    }
    if (filter.sizeCategory?.length) {
      query.andWhere('org.sizeCategory IN (:...sizes)', { sizes: filter.sizeCategory });
    }
    if (filter.region) {
      query.andWhere('org.region = :region', { region: filter.region });
    }
    if (filter.sectors?.length) {
      const sub = query
        .subQuery()
        .select('1')
        .from(OrganizationSector, 's')
        .where('s.organizationId = org.id')
        .andWhere('s.sector IN (:...sectors)');
      query.andWhere(`EXISTS ${sub.getQuery()}`, { sectors: filter.sectors });
    }
    if (filter.ecosystem) {
      const sub = query
        .subQuery()
        .select('1')
        .from(Membership, 'm')
        .innerJoin(Ecosystem, 'e', 'e.id = m.ecosystemId')
        .where('m.organizationId = org.id')
        .andWhere('e.code = :ecosystem')
        .andWhere('m.until IS NULL');
      query.andWhere(`EXISTS ${sub.getQuery()}`, { ecosystem: filter.ecosystem });
    }
    if (filter.ecosystems?.length || filter.roles?.length) {
      const sub = query
        .subQuery()
        .select('1')
        .from(Membership, 'm2')
        .innerJoin(Ecosystem, 'e2', 'e2.id = m2.ecosystemId')
        .where('m2.organizationId = org.id')
        .andWhere('m2.until IS NULL');
      if (filter.ecosystems?.length) sub.andWhere('e2.code IN (:...ecosystems)');
      if (filter.roles?.length) sub.andWhere('m2.role IN (:...roles)');
      query.andWhere(`EXISTS ${sub.getQuery()}`, { ecosystems: filter.ecosystems ?? [], roles: filter.roles ?? [] });
    }
    return query;
  }

  async list(args: OrganizationsArgs): Promise<OrganizationPage> {
    const query = this.filtered(args.filter ?? {});
    const direction = args.orderBy === OrganizationOrder.NAME_DESC ? 'DESC' : 'ASC';
    const page = await paginate(query, 'org', { column: 'org.sortName', valueOf: (o) => o.sortName, direction }, args);
    let facets: Promise<OrganizationFacets> | undefined;
    const compute = (): Promise<OrganizationFacets> => this.facets(query);
    return {
      ...page,
      get facets(): Promise<OrganizationFacets> {
        facets ??= compute();
        return facets;
      },
    };
  }

  /**
   * Counts per kind, sector, ecosystem, membership role and size over the filtered set (all pages),
   * in ONE statement: five GROUP BYs over the same id subquery, glued with UNION ALL.
   */
  private async facets(query: SelectQueryBuilder<Organization>): Promise<OrganizationFacets> {
    const [ids, params] = query.clone().select('org.id').orderBy().getQueryAndParameters();
    const q = (name: string): string => this.dataSource.driver.escape(name);
    const parts = [
      `SELECT 'kind' AS d, o.${q('kind')} AS v, COUNT(*) AS c FROM ${q('organization')} o WHERE o.${q('id')} IN (${ids}) GROUP BY o.${q('kind')}`,
      `SELECT 'sector' AS d, s.${q('sector')} AS v, COUNT(*) AS c FROM ${q('organization_sector')} s WHERE s.${q('organizationId')} IN (${ids}) GROUP BY s.${q('sector')}`,
      `SELECT 'ecosystem' AS d, e.${q('code')} AS v, COUNT(DISTINCT m.${q('organizationId')}) AS c FROM ${q('membership')} m INNER JOIN ${q('ecosystem')} e ON e.${q('id')} = m.${q('ecosystemId')} WHERE m.${q('until')} IS NULL AND m.${q('organizationId')} IN (${ids}) GROUP BY e.${q('code')}`,
      `SELECT 'role' AS d, m.${q('role')} AS v, COUNT(DISTINCT m.${q('organizationId')}) AS c FROM ${q('membership')} m WHERE m.${q('until')} IS NULL AND m.${q('organizationId')} IN (${ids}) GROUP BY m.${q('role')}`,
      `SELECT 'size' AS d, o.${q('sizeCategory')} AS v, COUNT(*) AS c FROM ${q('organization')} o WHERE o.${q('sizeCategory')} IS NOT NULL AND o.${q('id')} IN (${ids}) GROUP BY o.${q('sizeCategory')}`,
    ];
    const rows = (await this.dataSource.query(parts.join(' UNION ALL '), parts.flatMap(() => params))) as {
      d: string;
      v: string;
      c: number | string;
    }[];
    const facets: OrganizationFacets = { kinds: [], sectors: [], ecosystems: [], roles: [], sizes: [] };
    const key: Record<string, keyof OrganizationFacets> = { kind: 'kinds', sector: 'sectors', ecosystem: 'ecosystems', role: 'roles', size: 'sizes' };
    for (const row of rows) facets[key[row.d] as keyof OrganizationFacets].push({ value: String(row.v), count: Number(row.c) });
    for (const list of Object.values(facets)) list.sort((a: FacetCount, b: FacetCount) => b.count - a.count || a.value.localeCompare(b.value));
    return facets;
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
    if (existing) assertManagesAny(who, [existing.id], 'change this organisation');
    else if (!isAdmin(who)) throw new ForbiddenError('Only admins can create organisations');

    const identifiers = await this.identifiers(input, existing?.id ?? null);
    if (input.parentId) await this.assertParent(input.parentId, existing?.id ?? null);
    const address = input.address ?? null;
    if (address && Math.abs(address.latitude ?? 0) > 90) throw new BadUserInputError('latitude must be within [-90, 90]', 'input.address.latitude');
    if (address && Math.abs(address.longitude ?? 0) > 180) throw new BadUserInputError('longitude must be within [-180, 180]', 'input.address.longitude');

    try {
      return await runTransaction(this.dataSource, async (manager) => {
        const organization = existing ?? manager.create(Organization, { id: newId() });
        Object.assign(organization, {
          name: input.name.trim(),
          acronym: input.acronym?.trim() || null,
          kind: input.kind,
          rorTypes: [...new Set(input.rorTypes)],
          ...identifiers,
          nafCode: input.nafCode ? input.nafCode.replace(/^(\d{2})(\d{2})/, '$1.$2') : null,
          legalForm: input.legalForm ?? null,
          sizeCategory: input.sizeCategory ?? null,
          street: address?.street ?? null,
          postalCode: address?.postalCode ?? null,
          city: address?.city ?? null,
          region: address?.region ?? null,
          country: address?.country?.toUpperCase() ?? null,
          latitude: address?.latitude ?? null,
          longitude: address?.longitude ?? null,
          website: input.website ?? null,
          parentId: input.parentId ?? null,
        });
        organization.fold();
        await manager.save(Organization, organization);
        await manager.delete(OrganizationSector, { organizationId: organization.id });
        const sectors = [...new Set(input.sectors)];
        if (sectors.length) await manager.insert(OrganizationSector, sectors.map((sector) => ({ organizationId: organization.id, sector })));
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
    assertManagesAny(viewer, [input.organizationId], 'change the memberships of this organisation');
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
    assertManagesAny(viewer, [input.organizationId], 'change the memberships of this organisation');
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
