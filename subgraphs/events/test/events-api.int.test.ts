import { DEMO_CALLS, DEMO_ECOSYSTEMS, demoDatasetRefs, demoId, demoPeople, Role, type Viewer } from '@ecosystem/shared';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  type GraphQLSchema,
} from 'graphql';
import { buildEventsSchema } from '../src/schema';
import { createLoaders } from '../src/context';
import { seedEventsDemo } from '../src/seed/seed-demo';
import { CREATE_EVENT, countRows, eventInput, guest, logger, member, MEDICEN, organiser, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('events-api', (db) => seedEventsDemo(db.dataSource, logger).then(() => undefined));
});
afterAll(async () => {
  await h.close();
});

describe('schema', () => {
  it('describes every type, field, argument and enum value', async () => {
    const schema: GraphQLSchema = await buildEventsSchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || type.name.startsWith('_') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (['link__Import', 'link__Purpose', 'FieldSet', 'federation__Scope', 'federation__Policy', 'federation__ContextFieldValue', 'federation__FieldSet'].includes(type.name)) continue;
      if (!type.description && !['Query', 'Mutation', 'Subscription'].includes(type.name)) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (type.name === 'Query' && field.name.startsWith('_')) continue;
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isEnumType(type)) for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
    }
    expect(missing).toEqual([]);
    expect(getNamedType(schema.getType('Event')!)).toBeTruthy();
  });
});

describe('events query: filters and facets', () => {
  const EVENTS = /* GraphQL */ `
    query ($filter: EventFilter, $first: Int) {
      events(filter: $filter, first: $first) {
        totalCount
        edges { node { id kind attendanceMode language ecosystem { id } organizers { id } speakers { person { id } } presentedDatasets { id } series { id } } }
        facets { kinds { value count } attendanceModes { value count } statuses { value count } ecosystems { value count } languages { value count } years { value count } }
      }
    }
  `;
  interface Node { id: string; kind: string; attendanceMode: string; ecosystem: { id: string } | null; organizers: { id: string }[]; speakers: { person: { id: string } }[]; presentedDatasets: { id: string }[]; series: { id: string } | null }
  interface Page { events: { totalCount: number; edges: { node: Node }[]; facets: Record<string, { value: string | number; count: number }[]> } }

  it('combines organizer, ecosystem, mode and kinds; facets count every dimension but their own', async () => {
    const psc = DEMO_ECOSYSTEMS.find((e) => e.code === 'PSC')!.id;
    const filter = { ecosystems: [psc], kinds: ['WORKSHOP'], attendanceModes: ['OFFLINE'], from: '2023-01-01T00:00:00Z', to: '2025-01-01T00:00:00Z' };
    const { data, errors } = await h.run<Page>(EVENTS, { filter, first: 200 });
    expect(errors).toBeUndefined();
    const page = data!.events;
    expect(page.totalCount).toBeGreaterThan(5);
    for (const { node } of page.edges) {
      expect(node).toMatchObject({ kind: 'WORKSHOP', attendanceMode: 'OFFLINE', ecosystem: { id: psc } });
    }
    const kinds = page.facets.kinds!;
    // The kinds facet ignores the kinds filter: other kinds are counted too, and WORKSHOP equals the total.
    expect(kinds.find((k) => k.value === 'WORKSHOP')?.count).toBe(page.totalCount);
    expect(kinds.length).toBeGreaterThan(2);
    expect(page.facets.attendanceModes!.find((m) => m.value === 'OFFLINE')?.count).toBe(page.totalCount);
    expect(page.facets.years!.map((y) => y.value)).toEqual([2023, 2024]);
    expect(page.facets.years!.reduce((n, y) => n + y.count, 0)).toBe(page.totalCount);
  });

  it('filters by language (case ignored) and year, each with the facet of the same name; facets are disjunctive and labelled', async () => {
    const all = (await h.run<Page>(EVENTS, { first: 0 })).data!.events;
    const english = all.facets.languages!.find((l) => l.value === 'en');
    expect(english?.count).toBeGreaterThan(0);
    const byLanguage = await h.run<Page>(EVENTS, { filter: { languages: ['EN'] }, first: 200 });
    expect(byLanguage.errors).toBeUndefined();
    expect(byLanguage.data!.events.totalCount).toBe(english!.count);
    for (const { node } of byLanguage.data!.events.edges) expect((node as Node & { language: string }).language).toBe('en');
    // The language facet ignores the language selection: French stays, with its count.
    expect(byLanguage.data!.events.facets.languages).toEqual(all.facets.languages);

    const [first, second] = all.facets.years!;
    // A facet's value goes back to its filter as it is.
    const byYears = await h.run<Page>(EVENTS, { filter: { years: [first!.value, second!.value] }, first: 0 });
    expect(byYears.errors).toBeUndefined();
    expect(byYears.data!.events.totalCount).toBe(first!.count + second!.count);
    expect(byYears.data!.events.facets.years).toEqual(all.facets.years);

    // A selected value that nothing matches stays listed, at 0, so that a UI can untick it.
    const none = await h.run<Page>(EVENTS, { filter: { years: [1990], languages: ['EN'], kinds: ['WORKSHOP'] }, first: 0 });
    expect(none.errors).toBeUndefined();
    expect(none.data!.events.totalCount).toBe(0);
    expect(none.data!.events.facets.years![0]).toEqual({ value: 1990, count: 0 });
    expect(none.data!.events.facets.kinds).toEqual([{ value: 'WORKSHOP', count: 0 }]);
    expect(none.data!.events.facets.languages).toEqual([{ value: 'en', count: 0 }]);

    const LABELS = /* GraphQL */ `query ($lang: Language) { events(first: 0) { facets { kinds { value label(lang: $lang) } languages { value label(lang: $lang) } } } }`;
    type Labelled = { events: { facets: { kinds: { value: string; label: string }[]; languages: { value: string; label: string }[] } } };
    const fr = (await h.run<Labelled>(LABELS, {})).data!.events.facets;
    const en = (await h.run<Labelled>(LABELS, { lang: 'EN' })).data!.events.facets;
    expect(fr.kinds.find((k) => k.value === 'WEBINAR')?.label).toBe('Webinaire');
    expect(en.kinds.find((k) => k.value === 'WORKSHOP')?.label).toBe('Workshop');
    expect(fr.languages.find((l) => l.value === 'fr')?.label).toBe('Français');
    expect(en.languages.find((l) => l.value === 'fr')?.label).toBe('French');
  });

  it('lists ticked values in the facet\u2019s own order, as the others: years by year, kinds by count then value, never in the order ticked', async () => {
    const webinars = (await h.run<Page>(EVENTS, { filter: { kinds: ['WEBINAR'] }, first: 0 })).data!.events.facets.years!;
    const years = (await h.run<Page>(EVENTS, { filter: { kinds: ['WEBINAR'], years: [2030, 1990, webinars[1]!.value] }, first: 0 })).data!.events.facets.years!;
    expect(years.map((y) => y.value)).toEqual([1990, ...webinars.map((y) => y.value), 2030]);
    expect(years[0]).toEqual({ value: 1990, count: 0 });
    expect(years.at(-1)).toEqual({ value: 2030, count: 0 });
    expect(years.slice(1, -1)).toEqual(webinars);
    // Kinds are ranked by count: ticked values at 0 come after every counted one, by value among themselves.
    const kinds = (await h.run<Page>(EVENTS, { filter: { kinds: ['WORKSHOP', 'HACKATHON'], languages: ['xx'] }, first: 0 })).data!.events.facets.kinds!;
    expect(kinds).toEqual([
      { value: 'HACKATHON', count: 0 },
      { value: 'WORKSHOP', count: 0 },
    ]);
    const ranked = (await h.run<Page>(EVENTS, { filter: { kinds: ['WORKSHOP', 'HACKATHON'], years: [2021] }, first: 0 })).data!.events.facets.kinds!;
    expect(ranked.map((k) => k.count)).toEqual([...ranked.map((k) => k.count)].sort((a, b) => b - a));
  });

  it('filters by dataset presented, speaker, series, organiser and text', async () => {
    const dataset = demoDatasetRefs()[0]!.id;
    const byDataset = await h.run<Page>(EVENTS, { filter: { datasetId: dataset } });
    expect(byDataset.data!.events.totalCount).toBeGreaterThan(0);
    for (const { node } of byDataset.data!.events.edges) expect(node.presentedDatasets.map((d) => d.id)).toContain(dataset);

    const anySpeaker = byDataset.data!.events.edges[0]!.node.speakers[0]!.person.id;
    const bySpeaker = await h.run<Page>(EVENTS, { filter: { speakerId: anySpeaker } });
    for (const { node } of bySpeaker.data!.events.edges) expect(node.speakers.map((s) => s.person.id)).toContain(anySpeaker);

    const series = demoId('series', 'meetmydata');
    const bySeries = await h.run<Page>(EVENTS, { filter: { seriesId: series }, first: 200 });
    expect(bySeries.data!.events.totalCount).toBeGreaterThan(60);
    for (const { node } of bySeries.data!.events.edges) expect(node.series?.id).toBe(series);

    const byOrganizer = await h.run<Page>(EVENTS, { filter: { organizerId: demoId('organization', 'leem') }, first: 200 });
    for (const { node } of byOrganizer.data!.events.edges) expect(node.organizers.map((o) => o.id)).toContain(demoId('organization', 'leem'));

    const byText = await h.run<{ events: { totalCount: number; edges: { node: { title: string } }[] } }>(
      /* GraphQL */ `query ($filter: EventFilter) { events(filter: $filter, first: 50) { totalCount edges { node { title } } } }`,
      { filter: { text: 'INTEROPERABILITE' } },
    );
    expect(byText.data!.events.totalCount).toBeGreaterThan(0);
    for (const { node } of byText.data!.events.edges) expect(node.title.toLowerCase()).toContain('interopérabilité');
  });

  it('refuses a filter id that is not a UUID, naming the field', async () => {
    const { errors } = await h.run(EVENTS, { filter: { organizerId: 'medicen' } });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.organizerId' });
  });
});

describe('createEvent validation', () => {
  it.each([
    ['end before start', { end: '2020-01-01T00:00:00Z' }, 'input.end', 'BAD_USER_INPUT'],
    ['in person without a place', { attendanceMode: 'OFFLINE', virtualLocation: null }, 'input.place', 'BAD_USER_INPUT'],
    ['online without a link', { virtualLocation: null }, 'input.virtualLocation', 'BAD_USER_INPUT'],
    ['no organiser', { organizerIds: [] }, 'input.organizerIds', 'BAD_USER_INPUT'],
    ['a bad link', { virtualLocation: { url: 'javascript:alert(1)' } }, 'input.virtualLocation.url', 'BAD_USER_INPUT'],
    ['a bad zone', { timezone: 'Europe/Atlantis' }, 'input.timezone', 'BAD_USER_INPUT'],
    ['a zero capacity', { maxCapacity: 0 }, 'input.maxCapacity', 'BAD_USER_INPUT'],
    ['an unknown call', { callId: demoId('call', 'nope') }, 'input.callId', 'BAD_USER_INPUT'],
    ['an organisation the organiser does not act for', { organizerIds: [demoId('organization', 'inserm')] }, undefined, 'FORBIDDEN'],
  ])('refuses %s and writes nothing', async (_label, overrides, field, code) => {
    const before = [await countRows(h.db, 'event'), await countRows(h.db, 'event_organizer')];
    const { errors } = await h.run(CREATE_EVENT, { input: eventInput(overrides) }, organiser);
    expect(errors?.[0]?.extensions?.code).toBe(code);
    if (field) expect(errors?.[0]?.extensions?.field).toBe(field);
    expect([await countRows(h.db, 'event'), await countRows(h.db, 'event_organizer')]).toEqual(before);
  });

  it('requires the EVENT_ORGANISER role', async () => {
    expect((await h.run(CREATE_EVENT, { input: eventInput() }, null)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await h.run(CREATE_EVENT, { input: eventInput() }, member(1))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('creates a mixed event with place, link, policy and keywords; then adds a speaker and a dataset', async () => {
    const input = eventInput({
      attendanceMode: 'MIXED',
      placeName: 'PariSanté Campus',
      place: { street: '10 rue d\u2019Oradour-sur-Glane', postalCode: '75015', city: 'Paris', country: 'FR' },
      registration: { required: true, membersOnly: false, price: { amount: '120.00', currency: 'EUR' } },
      keywords: [' IA ', 'ia', 'Imagerie'],
      language: 'en',
    });
    const { data, errors } = await h.run<{ createEvent: { id: string } }>(CREATE_EVENT, { input }, organiser);
    expect(errors).toBeUndefined();
    const id = data!.createEvent.id;
    const speaker = await h.run(/* GraphQL */ `mutation ($input: AddSpeakerInput!) { addSpeaker(input: $input) { role talkTitle person { id } event { id } } }`,
      { input: { eventId: id, personId: demoPeople()[0]!.id, role: 'KEYNOTE', talkTitle: 'Ouverture' } }, organiser);
    expect(speaker.errors).toBeUndefined();
    const duplicate = await h.run(/* GraphQL */ `mutation ($input: AddSpeakerInput!) { addSpeaker(input: $input) { role } }`,
      { input: { eventId: id, personId: demoPeople()[0]!.id, role: 'KEYNOTE' } }, organiser);
    expect(duplicate.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.personId' });
    const dataset = demoDatasetRefs()[3]!.id;
    for (let i = 0; i < 2; i++) {
      const linked = await h.run(/* GraphQL */ `mutation ($e: ID!, $d: ID!) { linkDataset(eventId: $e, datasetId: $d) { id } }`, { e: id, d: dataset }, organiser);
      expect(linked.errors).toBeUndefined();
    }
    const read = await h.run<{ event: Record<string, unknown> }>(/* GraphQL */ `
      query ($id: ID!) { event(id: $id) {
        attendanceMode language keywords placeName place { city postalCode country } virtualLocation { url }
        registration { required membersOnly price { amount currency } } maxCapacity remainingCapacity status sequence timezone
        speakers { role talkTitle } presentedDatasets { id } icalUrl
      } }`, { id });
    expect(read.data?.event).toMatchObject({
      attendanceMode: 'MIXED', language: 'en', keywords: ['ia', 'imagerie'], placeName: 'PariSanté Campus',
      place: { city: 'Paris', postalCode: '75015', country: 'FR' }, virtualLocation: { url: 'https://live.example.org/atelier' },
      registration: { required: true, membersOnly: false, price: { amount: '120.00', currency: 'EUR' } },
      maxCapacity: 50, remainingCapacity: 50, status: 'SCHEDULED', sequence: 0, timezone: 'Europe/Paris',
      speakers: [{ role: 'KEYNOTE', talkTitle: 'Ouverture' }], presentedDatasets: [{ id: dataset }], icalUrl: `/ical/events/${id}.ics`,
    });
  });
});

describe('calls', () => {
  const CALLS = /* GraphQL */ `
    query ($filter: CallFilter) { calls(filter: $filter, first: 50) { totalCount edges { node { id theme status publisher { id } expectedDatasets { id } infoSessions { kind } followUpHackathon { kind } } } } }
  `;
  it('lists the seeded calls with their ids, themes, info sessions and follow-up hackathons', async () => {
    const { data } = await h.run<{ calls: { totalCount: number; edges: { node: { id: string; theme: string; infoSessions: { kind: string }[]; followUpHackathon: { kind: string } | null; expectedDatasets: unknown[] } }[] } }>(CALLS, {});
    expect(data!.calls.totalCount).toBe(DEMO_CALLS.length);
    expect(data!.calls.edges.map((e) => e.node.id).sort()).toEqual(DEMO_CALLS.map((c) => c.id).sort());
    const cardio = data!.calls.edges.find((e) => e.node.theme === 'cardiovascular')!.node;
    expect(cardio.infoSessions).toEqual([{ kind: 'INFO_SESSION' }, { kind: 'INFO_SESSION' }]);
    expect(cardio.followUpHackathon).toEqual({ kind: 'HACKATHON' });
    const byTheme = await h.run<{ calls: { totalCount: number } }>(CALLS, { filter: { theme: 'breast-cancer' } });
    expect(byTheme.data!.calls.totalCount).toBe(1);
    // A text-like filter: case, accents and dashes ignored.
    const asTyped = await h.run<{ calls: { totalCount: number } }>(CALLS, { filter: { theme: 'Breast Cancer' } });
    expect(asTyped.data!.calls.totalCount).toBe(1);
  });

  it('publishes a call, accepts one expression of interest per organisation, and refuses closed calls', async () => {
    const deadline = new Date(Date.now() + 30 * 86400_000).toISOString();
    const publish = await h.run<{ publishCall: { id: string; status: string } }>(
      /* GraphQL */ `mutation ($input: PublishCallInput!) { publishCall(input: $input) { id status theme opensAt } }`,
      { input: { title: 'AMI IA et imagerie du sein', theme: 'breast-imaging', publisherId: MEDICEN, deadline, expectedDatasetIds: [demoDatasetRefs()[5]!.id] } },
      organiser,
    );
    expect(publish.errors).toBeUndefined();
    expect(publish.data?.publishCall.status).toBe('OPEN');
    const callId = publish.data!.publishCall.id;
    const applicant: Viewer = { sub: demoPeople()[1]!.id, org: demoId('organization', 'ad-scientiam'), roles: [Role.MEMBER] };
    const SUBMIT = /* GraphQL */ `mutation ($input: ExpressionOfInterestInput!) { submitExpressionOfInterest(input: $input) { id organization { id } datasets { id } call { id } } }`;
    const input = { callId, organizationId: applicant.org, datasetIds: [demoDatasetRefs()[5]!.id] };
    const ok = await h.run(SUBMIT, { input }, applicant);
    expect(ok.errors).toBeUndefined();
    const before = await countRows(h.db, 'expression_of_interest');
    expect((await h.run(SUBMIT, { input }, applicant)).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_SUBMITTED' });
    expect((await h.run(SUBMIT, { input: { ...input, organizationId: MEDICEN } }, applicant)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await h.run(SUBMIT, { input }, null)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const closed = DEMO_CALLS[0]!.id;
    expect((await h.run(SUBMIT, { input: { ...input, callId: closed } }, applicant)).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'CALL_NOT_OPEN' });
    expect(await countRows(h.db, 'expression_of_interest')).toBe(before);
    // The publisher's organisers see the expressions; the public sees only the count.
    const READ = /* GraphQL */ `query ($id: ID!) { call(id: $id) { expressionOfInterestCount expressionsOfInterest { organization { id } } } }`;
    expect((await h.run(READ, { id: callId }, organiser)).data).toEqual({ call: { expressionOfInterestCount: 1, expressionsOfInterest: [{ organization: { id: applicant.org } }] } });
    expect((await h.run(READ, { id: callId }, guest(1))).data).toEqual({ call: { expressionOfInterestCount: 1, expressionsOfInterest: null } });
  });

  it('refuses a call with a past deadline or a follow-up event that is not a hackathon', async () => {
    const PUBLISH = /* GraphQL */ `mutation ($input: PublishCallInput!) { publishCall(input: $input) { id } }`;
    const before = await countRows(h.db, 'call_for_proposals');
    const past = await h.run(PUBLISH, { input: { title: 'AMI passé', theme: 'past', publisherId: MEDICEN, deadline: '2020-01-01T00:00:00Z' } }, organiser);
    expect(past.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.deadline' });
    const webinar = demoId('event', 'ads-launch-2022');
    const notHackathon = await h.run(PUBLISH, { input: { title: 'AMI test', theme: 'test', publisherId: MEDICEN, deadline: new Date(Date.now() + 86400_000).toISOString(), followUpHackathonId: webinar } }, organiser);
    expect(notHackathon.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.followUpHackathonId' });
    const badTheme = await h.run(PUBLISH, { input: { title: 'AMI test', theme: 'Not A Slug', publisherId: MEDICEN, deadline: new Date(Date.now() + 86400_000).toISOString() } }, organiser);
    expect(badTheme.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.theme' });
    expect(await countRows(h.db, 'call_for_proposals')).toBe(before);
  });
});

describe('contributed fields and loaders', () => {
  const ENTITIES = /* GraphQL */ `
    query ($reps: [_Any!]!) {
      _entities(representations: $reps) {
        ... on Organization { id calls { id } organizedEvents { id } }
        ... on Person { id speakingEngagements { role event { id title } organization { id } } }
        ... on Ecosystem { id events(from: "2024-01-01T00:00:00Z", first: 10) { id start ecosystem { id } } }
        ... on Call { id theme infoSessions { id } expectedDatasets { id } }
        ... on EventSeries { id title }
      }
    }
  `;
  async function statements(reps: { __typename: string; id: string }[]): Promise<{ count: number; data: Record<string, unknown>[] }> {
    h.db.counter.reset();
    const { data, errors } = await h.run<{ _entities: Record<string, unknown>[] }>(ENTITIES, { reps });
    expect(errors).toBeUndefined();
    return { count: h.db.counter.total, data: data!._entities };
  }

  it('keeps statement counts flat as the number of entities grows', async () => {
    const people = demoPeople().slice(0, 400).map((p) => ({ __typename: 'Person', id: p.id }));
    expect((await statements(people.slice(0, 2))).count).toBe((await statements(people)).count);
    const calls = DEMO_CALLS.map((c) => ({ __typename: 'Call', id: c.id }));
    expect((await statements(calls.slice(0, 1))).count).toBe((await statements(calls)).count);
    const orgs = ['medicen', 'health-data-hub', 'parisante-campus', 'bpifrance', 'ans', 'leem'].map((k) => ({ __typename: 'Organization', id: demoId('organization', k) }));
    const few = await statements(orgs.slice(0, 1));
    const many = await statements(orgs);
    expect(few.count).toBe(many.count);
    expect((many.data[0]!.calls as unknown[]).length).toBeGreaterThanOrEqual(2);
  });

  it('answers Ecosystem.events with a window per ecosystem in one batch', async () => {
    const reps = DEMO_ECOSYSTEMS.map((e) => ({ __typename: 'Ecosystem', id: e.id }));
    const one = await statements(reps.slice(0, 1));
    const all = await statements(reps);
    expect(one.count).toBe(all.count);
    for (const [index, ecosystem] of all.data.entries()) {
      const events = ecosystem.events as { start: string; ecosystem: { id: string } }[];
      expect(events).toHaveLength(10);
      for (const event of events) {
        expect(event.ecosystem.id).toBe(reps[index]!.id);
        expect(new Date(event.start).getTime()).toBeGreaterThanOrEqual(new Date('2023-12-31T00:00:00Z').getTime());
      }
      const starts = events.map((e) => new Date(e.start).getTime());
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
    }
  });

  it('gives every loader one statement for N loads', async () => {
    const events = ((await h.db.dataSource.query('SELECT id FROM event ORDER BY id LIMIT 40')) as { id: string }[]).map((r) => r.id);
    const people = demoPeople().slice(0, 40).map((p) => p.id);
    const calls = DEMO_CALLS.map((c) => c.id);
    const registrations = ((await h.db.dataSource.query('SELECT id FROM registration ORDER BY id LIMIT 40')) as { id: string }[]).map((r) => r.id);
    const orgs = ['medicen', 'health-data-hub', 'bpifrance'].map((k) => demoId('organization', k));
    type Loaders = ReturnType<typeof createLoaders>;
    const cases: [string, (l: Loaders) => Promise<unknown>][] = [
      ['speakersByEventId', (l) => Promise.all(events.map((id) => l.speakersByEventId.load(id)))],
      ['speakersByPersonId', (l) => Promise.all(people.map((id) => l.speakersByPersonId.load(id)))],
      ['seriesById', (l) => Promise.all([demoId('series', 'meetmydata'), demoId('series', 'x')].map((id) => l.seriesById.load(id)))],
      ['callById', (l) => Promise.all(calls.map((id) => l.callById.load(id)))],
      ['callsByPublisherId', (l) => Promise.all(orgs.map((id) => l.callsByPublisherId.load(id)))],
      ['datasetIdsByCallId', (l) => Promise.all(calls.map((id) => l.datasetIdsByCallId.load(id)))],
      ['eventIdsByCallId', (l) => Promise.all(calls.map((id) => l.eventIdsByCallId.load(id)))],
      ['expressionsOfInterestByCallId', (l) => Promise.all(calls.map((id) => l.expressionsOfInterestByCallId.load(id)))],
      ['registrationById', (l) => Promise.all(registrations.map((id) => l.registrationById.load(id)))],
      ['registrationsByPersonId', (l) => Promise.all(people.map((id) => l.registrationsByPersonId.load(id)))],
      ['waitlistPositionByRegistrationId', (l) => Promise.all(registrations.map((id) => l.waitlistPositionByRegistrationId.load(id)))],
      ['eventIdsByEcosystem', (l) => Promise.all(DEMO_ECOSYSTEMS.map((e) => l.eventIdsByEcosystem.load({ id: e.id, window: { from: null, to: null, first: 5 } })))],
    ];
    for (const [name, load] of cases) {
      const loaders = createLoaders(h.db.dataSource);
      h.db.counter.reset();
      await load(loaders);
      expect([name, h.db.counter.total]).toEqual([name, 1]);
    }
  });

  it('hides Registration references from everyone but the person, the event organisers and admins', async () => {
    const rows = (await h.db.dataSource.query('SELECT id, personId FROM registration ORDER BY id LIMIT 1')) as { id: string; personId: string }[];
    const { id, personId } = rows[0]!;
    const QUERY = /* GraphQL */ `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Registration { id status } } }`;
    const reps = [{ __typename: 'Registration', id }];
    expect((await h.run(QUERY, { reps }, guest(1))).data).toEqual({ _entities: [null] });
    expect((await h.run<{ _entities: { id: string }[] }>(QUERY, { reps }, { sub: personId, roles: [] })).data?._entities[0]?.id).toBe(id);
    expect((await h.run<{ _entities: { id: string }[] }>(QUERY, { reps }, { sub: 'someone', roles: [Role.ADMIN] })).data?._entities[0]?.id).toBe(id);
  });
});
