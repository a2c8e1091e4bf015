import { type Viewer } from '@ecosystem/shared';
import { admin, CREATE_EVENT, countRows, eventInput, guest, member, organiser, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('events-registrations');
});
afterAll(async () => {
  await h.close();
});

const REGISTER = /* GraphQL */ `
  mutation ($input: RegisterInput!) { register(input: $input) { id status registeredAt person { id } } }
`;
const CANCEL = /* GraphQL */ `mutation ($id: ID!) { cancelRegistration(id: $id) { id status } }`;

async function createEvent(overrides: Record<string, unknown> = {}): Promise<string> {
  const { data, errors } = await h.run<{ createEvent: { id: string } }>(CREATE_EVENT, { input: eventInput(overrides) }, organiser);
  if (!data?.createEvent) throw new Error(JSON.stringify(errors));
  return data.createEvent.id;
}

interface Row {
  id: string;
  personId: string;
  status: string;
  ticket: number;
  registeredAt: Date | string;
}

async function registrationsOf(eventId: string): Promise<Row[]> {
  return (await h.db.dataSource.query(
    'SELECT id, personId, status, ticket, registeredAt FROM registration WHERE eventId = ? ORDER BY ticket',
    [eventId],
  )) as Row[];
}

describe('capacity under concurrency', () => {
  it('confirms exactly 50 of 200 simultaneous registrations and waitlists the rest in arrival order', async () => {
    const eventId = await createEvent({ maxCapacity: 50 });
    const viewers: Viewer[] = Array.from({ length: 200 }, (_, i) => member(i));
    // All 200 mutations are in flight at once: on MySQL they run on up to 20 pooled connections in parallel.
    const results = await Promise.all(viewers.map((viewer) => h.run<{ register: { status: string } }>(REGISTER, { input: { eventId } }, viewer)));
    expect(results.filter((r) => r.errors)).toEqual([]);
    const statuses = results.map((r) => r.data?.register.status);
    expect(statuses.filter((s) => s === 'CONFIRMED')).toHaveLength(50);
    expect(statuses.filter((s) => s === 'WAITLISTED')).toHaveLength(150);

    const rows = await registrationsOf(eventId);
    expect(rows.map((r) => r.ticket)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    // Arrival order = ticket order: the first 50 tickets hold the seats, registeredAt never goes back in time.
    expect(rows.slice(0, 50).every((r) => r.status === 'CONFIRMED')).toBe(true);
    expect(rows.slice(50).every((r) => r.status === 'WAITLISTED')).toBe(true);
    const times = rows.map((r) => new Date(r.registeredAt).getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));

    const { data } = await h.run<{ event: { remainingCapacity: number; maxCapacity: number } }>(
      /* GraphQL */ `query ($id: ID!) { event(id: $id) { maxCapacity remainingCapacity } }`,
      { id: eventId },
    );
    expect(data?.event).toEqual({ maxCapacity: 50, remainingCapacity: 0 });

    // A cancellation promotes the first waiting registration (ticket 51), and only that one.
    const cancelled = rows[10]!;
    const cancelledViewer = viewers.find((v) => v.sub === cancelled.personId)!;
    const cancel = await h.run<{ cancelRegistration: { status: string } }>(CANCEL, { id: cancelled.id }, cancelledViewer);
    expect(cancel.errors).toBeUndefined();
    expect(cancel.data?.cancelRegistration.status).toBe('CANCELLED');
    const after = await registrationsOf(eventId);
    expect(after.find((r) => r.ticket === 51)?.status).toBe('CONFIRMED');
    expect(after.find((r) => r.ticket === 52)?.status).toBe('WAITLISTED');
    expect(after.filter((r) => r.status === 'CONFIRMED')).toHaveLength(50);

    // Waiting positions follow the tickets.
    const POSITION = /* GraphQL */ `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Registration { waitlistPosition status } } }`;
    const sample = [after.find((r) => r.ticket === 51)!, after.find((r) => r.ticket === 52)!, after.find((r) => r.ticket === 200)!];
    const positions = await Promise.all(sample.map((r) => h.run<{ _entities: { waitlistPosition: number | null }[] }>(
      POSITION, { reps: [{ __typename: 'Registration', id: r.id }] }, viewers.find((v) => v.sub === r.personId)!)));
    expect(positions.map((p) => p.data?._entities[0]?.waitlistPosition)).toEqual([null, 1, 149]);

    // Cancelling a waitlisted registration frees no seat and promotes nobody.
    const waiting = after.find((r) => r.ticket === 60)!;
    await h.run(CANCEL, { id: waiting.id }, viewers.find((v) => v.sub === waiting.personId)!);
    const last = await registrationsOf(eventId);
    expect(last.filter((r) => r.status === 'CONFIRMED')).toHaveLength(50);
    expect(last.find((r) => r.ticket === 52)?.status).toBe('WAITLISTED');
  });

  it('handles simultaneous cancellations without losing or duplicating seats', async () => {
    const eventId = await createEvent({ maxCapacity: 5 });
    const viewers = Array.from({ length: 12 }, (_, i) => member(1000 + i));
    for (const viewer of viewers) await h.run(REGISTER, { input: { eventId } }, viewer);
    const rows = await registrationsOf(eventId);
    const confirmed = rows.filter((r) => r.status === 'CONFIRMED');
    await Promise.all(confirmed.slice(0, 3).map((r) => h.run(CANCEL, { id: r.id }, viewers.find((v) => v.sub === r.personId)!)));
    const after = await registrationsOf(eventId);
    expect(after.filter((r) => r.status === 'CONFIRMED').map((r) => r.ticket)).toEqual([4, 5, 6, 7, 8]);
    const event = (await h.db.dataSource.query('SELECT seatsTaken FROM event WHERE id = ?', [eventId])) as { seatsTaken: number }[];
    expect(Number(event[0]?.seatsTaken)).toBe(5);
  });
});

describe('rules', () => {
  it('refuses a second registration of the same person, writing nothing', async () => {
    const eventId = await createEvent();
    const viewer = member(5000);
    expect((await h.run(REGISTER, { input: { eventId } }, viewer)).errors).toBeUndefined();
    const before = await countRows(h.db, 'registration');
    const twice = await Promise.all([h.run(REGISTER, { input: { eventId } }, viewer), h.run(REGISTER, { input: { eventId } }, viewer)]);
    for (const result of twice) {
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_REGISTERED', field: 'input.eventId' });
    }
    expect(await countRows(h.db, 'registration')).toBe(before);
  });

  it('lets a person register again after cancelling', async () => {
    const eventId = await createEvent();
    const viewer = member(5001);
    const first = await h.run<{ register: { id: string } }>(REGISTER, { input: { eventId } }, viewer);
    await h.run(CANCEL, { id: first.data?.register.id }, viewer);
    const again = await h.run<{ register: { id: string; status: string } }>(REGISTER, { input: { eventId } }, viewer);
    expect(again.errors).toBeUndefined();
    expect(again.data?.register).toMatchObject({ id: first.data?.register.id, status: 'CONFIRMED' });
  });

  it('refuses non-members on a members-only event with FORBIDDEN / MEMBERS_ONLY, and accepts members', async () => {
    const eventId = await createEvent({ registration: { required: true, membersOnly: true } });
    const before = await countRows(h.db, 'registration');
    const refused = await h.run(REGISTER, { input: { eventId } }, guest(1));
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'MEMBERS_ONLY', field: 'eventId' });
    expect(refused.errors?.[0]?.message).toMatch(/members/i);
    expect(await countRows(h.db, 'registration')).toBe(before);
    const accepted = await h.run<{ register: { status: string } }>(REGISTER, { input: { eventId } }, member(6000));
    expect(accepted.data?.register.status).toBe('CONFIRMED');
  });

  it('requires a viewer, and the person\u2019s consent (themself, or an admin) to register someone else', async () => {
    const eventId = await createEvent();
    const anonymous = await h.run(REGISTER, { input: { eventId } }, null);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const other = await h.run(REGISTER, { input: { eventId, personId: member(7001).sub } }, member(7000));
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const before = await countRows(h.db, 'registration');
    const byOrganiser = await h.run(REGISTER, { input: { eventId, personId: member(7001).sub } }, organiser);
    expect(byOrganiser.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await countRows(h.db, 'registration')).toBe(before);
    const byAdmin = await h.run<{ register: { person: { id: string } } }>(REGISTER, { input: { eventId, personId: member(7001).sub } }, admin);
    expect(byAdmin.data?.register.person.id).toBe(member(7001).sub);
  });

  it('refuses registrations to a cancelled or past event', async () => {
    const eventId = await createEvent();
    await h.run(/* GraphQL */ `mutation ($id: ID!) { cancelEvent(id: $id) { status } }`, { id: eventId }, organiser);
    const cancelled = await h.run(REGISTER, { input: { eventId } }, member(8000));
    expect(cancelled.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'EVENT_CANCELLED' });
    const past = await createEvent({ start: '2020-01-01T10:00:00Z', end: '2020-01-01T12:00:00Z' });
    const closed = await h.run(REGISTER, { input: { eventId: past } }, member(8000));
    expect(closed.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'REGISTRATION_CLOSED' });
  });

  it('checks in confirmed registrations only, by organisers only', async () => {
    const eventId = await createEvent({ maxCapacity: 1 });
    const first = await h.run<{ register: { id: string } }>(REGISTER, { input: { eventId } }, member(9000));
    const second = await h.run<{ register: { id: string; status: string } }>(REGISTER, { input: { eventId } }, member(9001));
    expect(second.data?.register.status).toBe('WAITLISTED');
    const CHECK_IN = /* GraphQL */ `mutation ($id: ID!) { checkIn(id: $id) { status checkedInAt } }`;
    expect((await h.run(CHECK_IN, { id: first.data?.register.id }, member(9000))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const done = await h.run<{ checkIn: { status: string } }>(CHECK_IN, { id: first.data?.register.id }, organiser);
    expect(done.data?.checkIn.status).toBe('ATTENDED');
    const waitlisted = await h.run(CHECK_IN, { id: second.data?.register.id }, organiser);
    expect(waitlisted.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_STATE_TRANSITION', from: 'WAITLISTED' });
  });

  it('shows myRegistrations to the viewer and Person.registrations to the person and admins only', async () => {
    const eventId = await createEvent();
    const viewer = member(9500);
    await h.run(REGISTER, { input: { eventId } }, viewer);
    const mine = await h.run<{ myRegistrations: { event: { id: string } }[] }>(
      /* GraphQL */ `{ myRegistrations { status event { id } } }`,
      {},
      viewer,
    );
    expect(mine.data?.myRegistrations.map((r) => r.event.id)).toEqual([eventId]);
    const PERSON = /* GraphQL */ `
      query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { id registrations { status } } } }
    `;
    const reps = [{ __typename: 'Person', id: viewer.sub }];
    expect((await h.run(PERSON, { reps }, viewer)).data).toEqual({ _entities: [{ id: viewer.sub, registrations: [{ status: 'CONFIRMED' }] }] });
    const other = await h.run(PERSON, { reps }, member(9501));
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
