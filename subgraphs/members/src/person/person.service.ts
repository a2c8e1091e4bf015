import { authorizeMutation, authorizeReference, BadUserInputError, ConflictError, likePattern, newId, NotFoundError, paginate, runTransaction, type Connection, type Viewer, isUniqueViolation } from '@ecosystem/shared';
import { type DataSource, In, IsNull } from 'typeorm';
import { normalizeOrcid } from '../common/identifiers';
import { Organization } from '../organization/organization.entity';
import { Affiliation } from './affiliation.entity';
import { ERASED_NAME, Person } from './person.entity';
import { type PeopleArgs, type UpsertPersonInput } from './person.inputs';

/** The people directory, profile updates and GDPR erasure. */
export class PersonService {
  constructor(private readonly dataSource: DataSource) {}

  async list(args: PeopleArgs): Promise<Connection<Person>> {
    const filter = args.filter ?? {};
    const query = this.dataSource.getRepository(Person).createQueryBuilder('p').where('p.erasedAt IS NULL');
    if (filter.text?.trim()) query.andWhere('p.searchText LIKE :text', { text: likePattern(filter.text) });
    if (filter.organizationId) {
      const sub = query
        .subQuery()
        .select('1')
        .from(Affiliation, 'a')
        .where('a.personId = p.id')
        .andWhere('a.organizationId = :organizationId')
        .andWhere('a.until IS NULL');
      query.andWhere(`EXISTS ${sub.getQuery()}`, { organizationId: filter.organizationId });
    }
    return paginate(query, 'p', { column: 'p.sortName', valueOf: (p) => p.sortName }, args);
  }

  /**
   * Admins, the person themself, or someone acting for one of the person's current organisations
   * may edit them; every affiliation added needs the viewer to act for that organisation (or to be
   * an admin): an organisation vouches for who belongs to it, a person cannot attach themself to another.
   */
  private async assertCanEdit(
    viewer: Viewer | null,
    person: Person | null,
    newOrgIds: string[],
    mutation: 'upsertPerson' | 'erasePerson',
  ): Promise<void> {
    const current = person
      ? (await this.dataSource.getRepository(Affiliation).findBy({ personId: person.id, until: IsNull() })).map(
          (a) => a.organizationId,
        )
      : [];
    authorizeMutation(
      viewer,
      mutation,
      { personId: person?.id ?? null, orgIds: person ? current : newOrgIds },
      'Only admins, the person or the managers of their organisation can change this person',
    );
    for (const [index, organizationId] of newOrgIds.entries()) {
      if (current.includes(organizationId)) continue;
      authorizeReference(viewer, mutation, `input.affiliations.${index}.organizationId`, { orgIds: [organizationId] },
        'Only admins or someone acting for an organisation can affiliate a person to it');
    }
  }

  async upsert(input: UpsertPersonInput, viewer: Viewer | null): Promise<Person> {
    const repository = this.dataSource.getRepository(Person);
    const existing = input.id ? await repository.findOneBy({ id: input.id }) : null;
    if (input.id && !existing) throw new NotFoundError('Person', input.id);
    const affiliations = input.affiliations ?? null;
    await this.assertCanEdit(viewer, existing, (affiliations ?? []).map((a) => a.organizationId), 'upsertPerson');
    if (existing?.erasedAt) throw new ConflictError('This person was erased and cannot be changed', 'input.id');

    // Validation, before any write.
    let orcid: string | null = null;
    if (input.orcid) {
      orcid = normalizeOrcid(input.orcid);
      if (!orcid) throw new BadUserInputError('orcid is not a valid ORCID iD (0000-0000-0000-000X)', 'input.orcid');
      const holder = await repository.findOneBy({ orcid });
      if (holder && holder.id !== existing?.id) throw new ConflictError(`ORCID ${orcid} belongs to another person`, 'input.orcid');
    }
    if (affiliations) {
      const orgIds = affiliations.map((a) => a.organizationId);
      const seen = new Set<string>();
      orgIds.forEach((id, index) => {
        if (seen.has(id)) throw new BadUserInputError('The same organisation is listed twice', `input.affiliations.${index}.organizationId`);
        seen.add(id);
      });
      const found = new Set(
        (await this.dataSource.getRepository(Organization).find({ select: { id: true }, where: { id: In(orgIds) } })).map((o) => o.id),
      );
      orgIds.forEach((id, index) => {
        if (!found.has(id)) throw new BadUserInputError(`Organisation ${id} does not exist`, `input.affiliations.${index}.organizationId`);
      });
      if (affiliations.filter((a) => a.primary).length > 1) {
        throw new BadUserInputError('At most one affiliation can be primary', 'input.affiliations');
      }
    }

    try {
      return await runTransaction(this.dataSource, async (manager) => {
        const person = existing ?? manager.create(Person, { id: newId(), erasedAt: null });
        Object.assign(person, {
          givenName: input.givenName.trim(),
          familyName: input.familyName.trim(),
          jobTitle: input.jobTitle ?? null,
          orcid,
          expertise: [...new Set((input.expertise ?? []).map((e) => e.trim()).filter(Boolean))],
          email: input.email ?? null,
          phone: input.phone ?? null,
        });
        person.fold();
        await manager.save(Person, person);
        if (affiliations) {
          await manager.delete(Affiliation, { personId: person.id, until: IsNull() });
          if (affiliations.length) {
            await manager.insert(
              Affiliation,
              affiliations.map((a) => ({
                id: newId(),
                personId: person.id,
                organizationId: a.organizationId,
                role: a.role ?? null,
                isPrimary: a.primary,
                since: a.since ?? null,
                until: null,
              })),
            );
          }
        }
        return person;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('Another person holds this identifier', 'input.orcid');
      throw error;
    }
  }

  /**
   * GDPR erasure: names, contact details, identifiers, expertise and affiliations are removed; the
   * row stays as an anonymised tombstone so that other subgraphs' references still resolve.
   */
  async erase(id: string, viewer: Viewer | null): Promise<Person> {
    const person = await this.dataSource.getRepository(Person).findOneBy({ id });
    if (!person) throw new NotFoundError('Person', id);
    await this.assertCanEdit(viewer, person, [], 'erasePerson');
    if (person.erasedAt) return person;
    return runTransaction(this.dataSource, async (manager) => {
      Object.assign(person, {
        givenName: ERASED_NAME,
        familyName: ERASED_NAME,
        jobTitle: null,
        orcid: null,
        expertise: [],
        email: null,
        phone: null,
        erasedAt: new Date(),
      });
      person.fold();
      await manager.save(Person, person);
      await manager.delete(Affiliation, { personId: id });
      return person;
    });
  }
}
