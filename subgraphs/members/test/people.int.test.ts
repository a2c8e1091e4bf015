import { demoPeople } from '@ecosystem/shared';
import { ADMIN, createHarness, managerOf, MEMBER, statements, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('members-people');
});
afterAll(async () => h.close());

const people = demoPeople();
const first = people[0]!;

describe('demo people', () => {
  it('seeds the 3,000 people of demoPeople() with their ids and job titles', async () => {
    expect(await h.count('person')).toBe(3000);
    const { data, errors } = await h.run<{ person: { id: string; jobTitle: string; givenName: string } }>(
      /* GraphQL */ `query ($id: ID!) { person(id: $id) { id givenName jobTitle } }`,
      { id: first.id },
    );
    expect(errors).toBeUndefined();
    expect(data?.person).toEqual({ id: first.id, givenName: first.givenName, jobTitle: first.jobTitle });
  });
});

const CONTACT = /* GraphQL */ `query ($id: ID!) { person(id: $id) { id familyName email phone } }`;

describe('contact details', () => {
  it('are null with an UNAUTHENTICATED error on each field for anonymous callers', async () => {
    const { data, errors } = await h.run<{ person: { familyName: string; email: string | null; phone: string | null } }>(CONTACT, {
      id: first.id,
    });
    expect(data?.person.familyName).toBe(first.familyName);
    expect(data?.person.email).toBeNull();
    expect(data?.person.phone).toBeNull();
    expect(errors?.map((e) => [e.path?.join('.'), e.extensions?.code]).sort()).toEqual([
      ['person.email', 'UNAUTHENTICATED'],
      ['person.phone', 'UNAUTHENTICATED'],
    ]);
  });

  it('are shown to authenticated members', async () => {
    const { data, errors } = await h.run<{ person: { email: string; phone: string } }>(CONTACT, { id: first.id }, MEMBER);
    expect(errors).toBeUndefined();
    expect(data?.person.email).toMatch(/@.*example\.org$/);
    expect(data?.person.phone).toMatch(/^\+33 1 99 00/);
  });

  it('are refused to authenticated non-members (FORBIDDEN), but shown to the person themself', async () => {
    const outsider = { sub: 'someone', roles: [] };
    const refused = await h.run<{ person: { email: string | null } }>(CONTACT, { id: first.id }, outsider);
    expect(refused.data?.person.email).toBeNull();
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const self = await h.run<{ person: { email: string } }>(CONTACT, { id: first.id }, { sub: first.id, roles: [] });
    expect(self.errors).toBeUndefined();
    expect(self.data?.person.email).toContain('@');
  });
});

describe('people directory', () => {
  it('searches names ignoring case and accents, and pages by family name', async () => {
    const accented = people.find((p) => /[éèëïçÉ]/.test(p.givenName + p.familyName));
    expect(accented).toBeDefined();
    const bare = `${accented!.givenName} ${accented!.familyName}`.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase();
    const { data } = await h.run<{ people: { totalCount: number; edges: { node: { id: string } }[] } }>(
      /* GraphQL */ `query ($text: String) { people(filter: { text: $text }, first: 200) { totalCount edges { node { id } } } }`,
      { text: bare },
    );
    expect(data?.people.edges.map((e) => e.node.id)).toContain(accented!.id);
  });

  it('lists the people of an organisation as a connection', async () => {
    const org = first.organization;
    const expected = people.filter((p) => p.organization.id === org.id).length;
    const { data, errors } = await h.run<{
      organization: { people: { totalCount: number; edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean } } };
    }>(/* GraphQL */ `query ($id: ID!) { organization(id: $id) { people(first: 2) { totalCount edges { node { id } } pageInfo { hasNextPage } } } }`, {
      id: org.id,
    });
    expect(errors).toBeUndefined();
    expect(data?.organization.people.totalCount).toBe(expected);
    expect(data?.organization.people.edges.length).toBe(Math.min(2, expected));
    expect(data?.organization.people.pageInfo.hasNextPage).toBe(expected > 2);
  });
});

describe('organisation people pages', () => {
  it('pages one organisation\u2019s people with cursors, without gaps or repeats', async () => {
    const org = first.organization;
    const expected = people.filter((p) => p.organization.id === org.id).map((p) => p.id).sort();
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 20; guard++) {
      const result: { data?: { organization: { people: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } } | null } =
        await h.run(/* GraphQL */ `query ($id: ID!, $after: String) { organization(id: $id) { people(first: 1, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } } }`, {
          id: org.id,
          after,
        });
      const page = result.data!.organization.people;
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect([...seen].sort()).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);
  });
});

describe('loaders: N loads make one SQL statement', () => {
  const ids = people.slice(0, 50).map((p) => p.id);
  const orgIds = [...new Set(people.slice(0, 80).map((p) => p.organization.id))];

  it('personById', async () => {
    const loaders = h.loaders();
    expect(await statements(h.db, () => Promise.all(ids.map((id) => loaders.personById.load(id))))).toBe(1);
  });

  it('affiliationsByPersonId', async () => {
    const loaders = h.loaders();
    let results: unknown[][] = [];
    expect(
      await statements(h.db, async () => {
        results = await Promise.all(ids.map((id) => loaders.affiliationsByPersonId.load(id)));
      }),
    ).toBe(1);
    expect(results.every((r) => r.length === 1)).toBe(true);
  });

  it('peopleByOrganization (pages) and peopleCountByOrganization', async () => {
    const loaders = h.loaders();
    const args = { first: 3, after: null };
    let pages: { edges: unknown[] }[] = [];
    expect(
      await statements(h.db, async () => {
        pages = await Promise.all(orgIds.map((id) => loaders.peopleByOrganization.load({ id, window: args })));
      }),
    ).toBe(1);
    expect(pages.every((p) => p.edges.length > 0 && p.edges.length <= 3)).toBe(true);
    expect(await statements(h.db, () => Promise.all(orgIds.map((id) => loaders.peopleCountByOrganization.load(id))))).toBe(1);
  });

  it('Person references through _entities', async () => {
    const reps = ids.map((id) => ({ __typename: 'Person', id }));
    const n = await statements(h.db, async () => {
      const { errors } = await h.run(/* GraphQL */ `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { id jobTitle } } }`, {
        reps: [...reps, ...reps],
      });
      expect(errors).toBeUndefined();
    });
    expect(n).toBe(1);
  });

  it('organisation people pages across a list of organisations', async () => {
    // Load the directory index first (a few statements, once per database until the next write).
    expect((await h.run(/* GraphQL */ `{ organizations(first: 0) { totalCount } }`)).errors).toBeUndefined();
    const n = await statements(h.db, async () => {
      const { errors } = await h.run(/* GraphQL */ `{ organizations(first: 50) { edges { node { id people(first: 2) { totalCount edges { node { id affiliations { role } } } } } } } }`);
      expect(errors).toBeUndefined();
    });
    // organizations: the page's rows (counted over the directory index); people pages: 1; counts: 1; affiliations: 1
    expect(n).toBe(4);
  });
});

const UPSERT = /* GraphQL */ `
  mutation ($input: UpsertPersonInput!) { upsertPerson(input: $input) { id givenName orcid expertise affiliations { organization { id } primary } } }
`;

describe('upsertPerson', () => {
  const org = first.organization;

  it('refuses anonymous callers and non-managers, writing nothing', async () => {
    const before = await h.count('person');
    const input = { givenName: 'Ana', familyName: 'Test', affiliations: [{ organizationId: org.id }] };
    expect((await h.run(UPSERT, { input })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await h.run(UPSERT, { input }, managerOf('another-org'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await h.count('person')).toBe(before);
  });

  it.each([
    [{ orcid: '0000-0002-1825-0098' }, 'BAD_USER_INPUT', 'input.orcid'],
    [{ email: 'not-an-email' }, 'BAD_USER_INPUT', 'input.email'],
    [{ phone: 'call me' }, 'BAD_USER_INPUT', 'input.phone'],
    [{ givenName: '' }, 'BAD_USER_INPUT', 'input.givenName'],
    [{ affiliations: [{ organizationId: 'nope' }] }, 'BAD_USER_INPUT', 'input.affiliations.0.organizationId'],
    [{ affiliations: [{ organizationId: org.id, since: '2024-13-01' }] }, 'BAD_USER_INPUT', 'input.affiliations.0.since'],
  ])('refuses %j with %s on %s, writing nothing', async (patch, code, field) => {
    const before = [await h.count('person'), await h.count('affiliation')];
    const input = { givenName: 'Ana', familyName: 'Test', affiliations: [{ organizationId: org.id }], ...patch };
    const { errors } = await h.run(UPSERT, { input }, ADMIN);
    expect(errors?.[0]?.extensions).toMatchObject({ code, field });
    expect([await h.count('person'), await h.count('affiliation')]).toEqual(before);
  });

  it('refuses an ORCID iD held by someone else with CONFLICT', async () => {
    const rows = (await h.db.dataSource.query('SELECT orcid FROM person WHERE orcid IS NOT NULL LIMIT 1')) as { orcid: string }[];
    const before = await h.count('person');
    const { errors } = await h.run(UPSERT, { input: { givenName: 'Ana', familyName: 'Dup', orcid: rows[0]!.orcid } }, ADMIN);
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.orcid' });
    expect(await h.count('person')).toBe(before);
  });

  it('lets a manager create a person of their organisation, and the person update themself', async () => {
    const created = await h.run<{ upsertPerson: { id: string; orcid: string } }>(
      UPSERT,
      {
        input: {
          givenName: 'Zoé',
          familyName: 'Synthétique',
          orcid: 'https://orcid.org/0000-0002-1825-0097',
          expertise: ['SNDS', 'SNDS', 'FHIR'],
          affiliations: [{ organizationId: org.id, primary: true }],
        },
      },
      managerOf(org.id),
    );
    expect(created.errors).toBeUndefined();
    expect(created.data?.upsertPerson).toMatchObject({ orcid: '0000-0002-1825-0097', expertise: ['SNDS', 'FHIR'] });
    const id = created.data!.upsertPerson.id;
    const updated = await h.run<{ upsertPerson: { givenName: string } }>(
      UPSERT,
      { input: { id, givenName: 'Zoë', familyName: 'Synthétique' } },
      { sub: id, roles: [] },
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data?.upsertPerson.givenName).toBe('Zoë');
  });
});

describe('erasePerson (GDPR)', () => {
  const victim = people[42]!;
  const ERASE = /* GraphQL */ `mutation ($id: ID!) { erasePerson(id: $id) { id givenName familyName jobTitle erased affiliations { role } } }`;

  it('is refused to other people, writing nothing', async () => {
    const { errors } = await h.run(ERASE, { id: victim.id }, MEMBER);
    expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await h.count('affiliation')).toBeGreaterThan(0);
  });

  it('removes personal data and leaves a tombstone that references still resolve to', async () => {
    const affiliationsBefore = await h.count('affiliation');
    const { data, errors } = await h.run<{ erasePerson: Record<string, unknown> }>(ERASE, { id: victim.id }, { sub: victim.id, roles: [] });
    expect(errors).toBeUndefined();
    expect(data?.erasePerson).toEqual({ id: victim.id, givenName: '[erased]', familyName: '[erased]', jobTitle: null, erased: true, affiliations: [] });
    expect(await h.count('affiliation')).toBe(affiliationsBefore - 1);
    const rows = (await h.db.dataSource.query(`SELECT email, phone, orcid, searchText FROM person WHERE id = '${victim.id}'`)) as Record<string, unknown>[];
    expect(rows[0]).toEqual({ email: null, phone: null, orcid: null, searchText: 'erased erased' });
    // What another subgraph does when it holds this person's id (an enrolment, a registration):
    const ref = await h.run<{ _entities: { id: string; givenName: string; email: string | null }[] }>(
      /* GraphQL */ `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { id givenName email } } }`,
      { reps: [{ __typename: 'Person', id: victim.id }] },
      MEMBER,
    );
    expect(ref.errors).toBeUndefined();
    expect(ref.data?._entities[0]).toEqual({ id: victim.id, givenName: '[erased]', email: null });
    const listed = await h.run<{ people: { edges: { node: { id: string } }[] } }>(
      /* GraphQL */ `query ($text: String) { people(filter: { text: $text }, first: 200) { edges { node { id } } } }`,
      { text: victim.familyName },
    );
    expect(listed.data?.people.edges.map((e) => e.node.id)).not.toContain(victim.id);
  });
});
