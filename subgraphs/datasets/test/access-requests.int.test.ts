import { demoOrganizations, demoPeople, Role, type Viewer } from '@ecosystem/shared';
import { AccessRequest } from '../src/access-request/access-request.entity';
import { AccessRequestActor, AccessRequestStatus as S } from '../src/access-request/access-request.enums';
import { FINAL_STATUSES, findTransition, pathTo, type Transition, TRANSITIONS } from '../src/access-request/access-request.machine';
import { AccessRequestService } from '../src/access-request/access-request.service';
import { demoAccessRequests, DEMO_STATUS_COUNTS } from '../src/seed/demo-access-requests';
import { demoDatasets } from '../src/seed/demo-catalogue';
import { type Harness, startHarness } from './helpers';

let h: Harness;

beforeAll(async () => {
  h = await startHarness('datasets-access-requests');
});

afterAll(async () => {
  await h?.close();
});

const orgs = demoOrganizations();
const orgId = (key: string): string => orgs.find((o) => o.key === key)?.id as string;
const hdh = orgId('health-data-hub');
const doctolib = orgId('doctolib');
const snds = demoDatasets().find((d) => d.key === 'snds-main');
const pmsi = demoDatasets().find((d) => d.key === 'snds-pmsi');
const publicDataset = demoDatasets().find((d) => d.accessRights === 'PUBLIC');
const pi = demoPeople().find((p) => p.organization.id === doctolib) ?? demoPeople()[0];

const requester: Viewer = { sub: pi?.id as string, org: doctolib, roles: [Role.MEMBER] };
const colleague: Viewer = { sub: 'colleague', org: doctolib, roles: [Role.MEMBER] };
const steward: Viewer = { sub: 'steward-hdh', org: hdh, roles: [Role.DATA_STEWARD] };
const memberOfPublisher: Viewer = { sub: 'member-hdh', org: hdh, roles: [Role.MEMBER] };
const otherSteward: Viewer = { sub: 'steward-inserm', org: orgId('inserm'), roles: [Role.DATA_STEWARD] };
const outsider: Viewer = { sub: 'outsider', org: orgId('servier'), roles: [Role.MEMBER] };
const admin: Viewer = { sub: 'admin', roles: [Role.ADMIN] };

const FIELDS = 'id status version submittedAt decidedAt cesreesOpinion cnilDecisionRef publicRepertoireUrl requester { id } publisher { id } principalInvestigator { id } datasets { id } history { fromStatus toStatus by { id } byOrganization { id } note }';

interface Request {
  id: string;
  status: S;
  version: number;
  submittedAt: string | null;
  decidedAt: string | null;
  cesreesOpinion: string | null;
  cnilDecisionRef: string | null;
  publicRepertoireUrl: string | null;
  requester: { id: string };
  publisher: { id: string };
  principalInvestigator: { id: string };
  datasets: { id: string }[];
  history: { fromStatus: S | null; toStatus: S; by: { id: string }; byOrganization: { id: string } | null; note: string | null }[];
}

const CREATE = /* GraphQL */ `
  mutation ($input: CreateAccessRequestInput!) { createAccessRequest(input: $input) { ${FIELDS} } }
`;
const TRANSITION = /* GraphQL */ `
  mutation ($input: TransitionAccessRequestInput!) { transitionAccessRequest(input: $input) { ${FIELDS} } }
`;

async function create(input: Record<string, unknown> = {}): Promise<Request> {
  const { data, errors } = await h.run<{ createAccessRequest: Request }>(
    CREATE,
    { input: { datasetIds: [snds?.id], purpose: 'Étudier les parcours de soins après un AVC', ...input } },
    requester,
  );
  if (errors) throw new Error(JSON.stringify(errors));
  return data?.createAccessRequest as Request;
}

function extrasFor(t: Pick<Transition, 'from' | 'to'>): Record<string, unknown> {
  const extras: Record<string, unknown> = {};
  if (t.to === S.CESREES_FAVOURABLE || t.to === S.CESREES_UNFAVOURABLE) extras.cesreesOpinion = `Avis ${t.to}`;
  if (t.from === S.CNIL_REVIEW && (t.to === S.AUTHORISED || t.to === S.REFUSED)) extras.cnilDecisionRef = 'DR-2024-042';
  if (t.to === S.INCOMPLETE) extras.note = 'Préciser les variables';
  return extras;
}

const actor = (t: Transition): Viewer => (t.by === AccessRequestActor.REQUESTER ? requester : steward);

async function move(id: string, to: S, viewer: Viewer, extras: Record<string, unknown> = {}) {
  return h.run<{ transitionAccessRequest: Request }>(TRANSITION, { input: { id, to, ...extras } }, viewer);
}

/** A new request brought to `status` through the API, each step by the right side. */
async function requestAt(status: S): Promise<Request> {
  let request = await create();
  for (const t of pathTo(status)) {
    const { data, errors } = await move(request.id, t.to, actor(t), extrasFor(t));
    if (errors) throw new Error(`${t.from} -> ${t.to}: ${JSON.stringify(errors)}`);
    request = data?.transitionAccessRequest as Request;
  }
  return request;
}

async function counts(): Promise<{ requests: number; changes: number; links: number }> {
  const one = async (table: string): Promise<number> =>
    Number(((await h.db.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`)) as { n: number | string }[])[0]?.n);
  return {
    requests: await one('access_request'),
    changes: await one('access_request_status_change'),
    links: await one('access_request_dataset'),
  };
}

async function row(id: string): Promise<{ status: string; version: number }> {
  const rows = (await h.db.dataSource.query('SELECT status, version FROM access_request WHERE id = ?', [id])) as {
    status: string;
    version: number | string;
  }[];
  return { status: rows[0]?.status as string, version: Number(rows[0]?.version) };
}

describe('demo seed', () => {
  it('has ~1,500 requests in every status, each with a history that follows the state machine', async () => {
    const requests = demoAccessRequests(demoDatasets());
    expect(requests).toHaveLength(1500);
    for (const status of Object.values(S)) expect(DEMO_STATUS_COUNTS[status]).toBeGreaterThan(0);
    for (const r of requests) {
      expect(r.history[0]?.toStatus).toBe(S.DRAFT);
      expect(r.history.at(-1)?.toStatus).toBe(r.status);
      expect(r.version).toBe(r.history.length);
      for (const change of r.history.slice(1)) {
        expect(findTransition(change.fromStatus as S, change.toStatus)).toBeDefined();
      }
    }
    const rows = (await h.db.dataSource.query('SELECT status, COUNT(*) AS n FROM access_request GROUP BY status')) as {
      status: S;
      n: string | number;
    }[];
    expect(Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]))).toEqual(DEMO_STATUS_COUNTS);
  });
});

describe('creation', () => {
  it('drafts a request for the viewer\u2019s organisation with its first history entry', async () => {
    const request = await create({ datasetIds: [snds?.id, pmsi?.id], referenceMethodology: 'MR-005' });
    expect(request).toMatchObject({
      status: S.DRAFT,
      version: 1,
      requester: { id: doctolib },
      publisher: { id: hdh },
      principalInvestigator: { id: requester.sub },
    });
    expect(request.datasets.map((d) => d.id).sort()).toEqual([snds?.id, pmsi?.id].sort());
    expect(request.history).toEqual([
      { fromStatus: null, toStatus: S.DRAFT, by: { id: requester.sub }, byOrganization: { id: doctolib }, note: null },
    ]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['no dataset', { datasetIds: [] }, 'input.datasetIds'],
    ['an unknown dataset', { datasetIds: ['00000000-0000-4000-8000-0000000000ff'] }, 'input.datasetIds'],
    ['a public dataset', { datasetIds: [publicDataset?.id] }, 'input.datasetIds'],
    [
      'datasets of two publishers',
      { datasetIds: [snds?.id, demoDatasets().find((d) => d.accessRights !== 'PUBLIC' && d.publisherId !== hdh)?.id] },
      'input.datasetIds',
    ],
    ['a short purpose', { purpose: 'short' }, 'input.purpose'],
    ['a bad reference methodology', { referenceMethodology: 'MR-009' }, 'input.referenceMethodology'],
  ])('refuses %s with BAD_USER_INPUT naming the field, writing nothing', async (_name, input, field) => {
    const before = await counts();
    const { errors } = await h.run(
      CREATE,
      { input: { datasetIds: [snds?.id], purpose: 'Une finalité suffisamment longue', ...input } },
      requester,
    );
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await counts()).toEqual(before);
  });

  it('refuses anonymous callers and viewers acting for no organisation', async () => {
    const input = { datasetIds: [snds?.id], purpose: 'Une finalité suffisamment longue' };
    expect((await h.run(CREATE, { input }, null)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await h.run(CREATE, { input }, { sub: 'x', roles: [Role.MEMBER] })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('state machine', () => {
  it.each(TRANSITIONS.map((t) => [t.from, t.to, t.by, t] as const))(
    '%s -> %s by the %s side applies, bumps the version and records who, when and why',
    async (_from, _to, _by, t) => {
      const request = await requestAt(t.from);
      const before = await counts();
      const { data, errors } = await move(request.id, t.to, actor(t), { ...extrasFor(t), note: extrasFor(t).note ?? 'ok' });
      expect(errors).toBeUndefined();
      const after = data?.transitionAccessRequest as Request;
      expect(after.status).toBe(t.to);
      expect(after.version).toBe(request.version + 1);
      expect(after.history.at(-1)).toMatchObject({
        fromStatus: t.from,
        toStatus: t.to,
        by: { id: actor(t).sub },
        byOrganization: { id: actor(t).org },
      });
      expect(after.history).toHaveLength(request.history.length + 1);
      expect(await counts()).toEqual({ ...before, changes: before.changes + 1 });
      if (t.to === S.SUBMITTED) expect(after.submittedAt).toBeTruthy();
      if ([S.AUTHORISED, S.REFUSED, S.REDIRECTED_MR, S.REDIRECTED_CPP].includes(t.to)) expect(after.decidedAt).toBeTruthy();
      if (t.to === S.AUTHORISED) expect(after.publicRepertoireUrl).toContain(request.id);
    },
  );

  it('refuses every illegal transition with INVALID_STATE_TRANSITION and writes nothing', async () => {
    let refused = 0;
    for (const from of Object.values(S)) {
      const request = await requestAt(from);
      const before = await counts();
      for (const to of Object.values(S)) {
        if (findTransition(from, to)) continue;
        for (const viewer of [requester, request.submittedAt ? steward : admin]) {
          const { errors } = await move(request.id, to, viewer, extrasFor({ from, to }));
          expect(errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_STATE_TRANSITION', from, to });
          refused += 1;
        }
      }
      expect(await counts()).toEqual(before);
      expect(await row(request.id)).toEqual({ status: from, version: request.version });
    }
    expect(refused).toBe(2 * (14 * 14 - TRANSITIONS.length));
    expect(FINAL_STATUSES).toEqual([S.REFUSED, S.CLOSED, S.WITHDRAWN]);
  });

  it.each(TRANSITIONS.map((t) => [t.from, t.to, t] as const))(
    '%s -> %s by the wrong side is FORBIDDEN and writes nothing',
    async (_from, _to, t) => {
      const request = await requestAt(t.from);
      const before = await counts();
      const wrong = t.by === AccessRequestActor.REQUESTER ? [steward, admin] : [requester, colleague];
      for (const viewer of wrong) {
        const { errors } = await move(request.id, t.to, viewer, extrasFor(t));
        // A draft never submitted is private to the requester: the steward does not even see it.
        expect(errors?.[0]?.extensions?.code).toBe(viewer === steward && !request.submittedAt ? 'NOT_FOUND' : 'FORBIDDEN');
      }
      // A member of the publisher without the steward role does not even see the request.
      const { errors } = await move(request.id, t.to, memberOfPublisher, extrasFor(t));
      expect(errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(await counts()).toEqual(before);
      expect(await row(request.id)).toEqual({ status: t.from, version: request.version });
    },
  );

  it('lets an admin move a request through review like a steward, and a colleague of the requester submit it', async () => {
    const draft = await create();
    expect((await move(draft.id, S.SUBMITTED, colleague)).data?.transitionAccessRequest.status).toBe(S.SUBMITTED);
    expect((await move(draft.id, S.CESREES_REVIEW, admin)).data?.transitionAccessRequest.status).toBe(S.CESREES_REVIEW);
  });

  it('hides a request from stewards of other publishers and outsiders (NOT_FOUND), and refuses anonymous callers', async () => {
    const request = await requestAt(S.SUBMITTED);
    for (const viewer of [otherSteward, outsider]) {
      expect((await move(request.id, S.CESREES_REVIEW, viewer)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    expect((await move(request.id, S.CESREES_REVIEW, null as unknown as Viewer)).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    expect(await row(request.id)).toEqual({ status: S.SUBMITTED, version: request.version });
  });

  it.each<[string, S, S, Record<string, unknown>, string]>([
    ['a CESREES decision without the opinion', S.CESREES_REVIEW, S.CESREES_FAVOURABLE, {}, 'input.cesreesOpinion'],
    ['a CNIL authorisation without its reference', S.CNIL_REVIEW, S.AUTHORISED, {}, 'input.cnilDecisionRef'],
    ['a return as incomplete without a note', S.SUBMITTED, S.INCOMPLETE, {}, 'input.note'],
    ['a CNIL reference on another transition', S.SUBMITTED, S.CESREES_REVIEW, { cnilDecisionRef: 'DR-1' }, 'input.cnilDecisionRef'],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_name, from, to, extras, field) => {
    const request = await requestAt(from);
    const before = await counts();
    const { errors } = await move(request.id, to, steward, extras);
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await counts()).toEqual(before);
    expect(await row(request.id)).toEqual({ status: from, version: request.version });
  });

  it('refuses a stale expectedVersion with CONFLICT', async () => {
    const request = await requestAt(S.SUBMITTED);
    const { errors } = await move(request.id, S.CESREES_REVIEW, steward, { expectedVersion: request.version - 1 });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.expectedVersion' });
    const ok = await move(request.id, S.CESREES_REVIEW, steward, { expectedVersion: request.version });
    expect(ok.data?.transitionAccessRequest.version).toBe(request.version + 1);
  });

  it('lets exactly one of several truly parallel transitions of the same request apply', async () => {
    for (let round = 0; round < 3; round++) {
      const request = await requestAt(S.SUBMITTED);
      const before = await counts();
      // Each client acts on the version it saw (as a UI does): whichever write lands first, the
      // others' reads are stale. Without expectedVersion, a transition that happens to run after
      // another one is checked against the new state and may legitimately apply too.
      const seen = { expectedVersion: request.version };
      const attempts = [
        move(request.id, S.CESREES_REVIEW, steward, seen),
        move(request.id, S.INCOMPLETE, steward, { note: 'Manque le protocole', ...seen }),
        move(request.id, S.REDIRECTED_MR, steward, seen),
        move(request.id, S.WITHDRAWN, requester, seen),
        move(request.id, S.CESREES_REVIEW, admin, seen),
        move(request.id, S.REDIRECTED_CPP, steward, seen),
      ];
      const results = await Promise.all(attempts);
      const applied = results.filter((r) => !r.errors);
      const refused = results.filter((r) => r.errors);
      expect(applied).toHaveLength(1);
      for (const r of refused) expect(['CONFLICT', 'INVALID_STATE_TRANSITION']).toContain(r.errors?.[0]?.extensions?.code);
      const winner = applied[0]?.data?.transitionAccessRequest as Request;
      expect(await row(request.id)).toEqual({ status: winner.status, version: request.version + 1 });
      expect(await counts()).toEqual({ ...before, changes: before.changes + 1 });
    }
  });

  it('refuses, with CONFLICT and nothing written, a transition whose read was overtaken before its write', async () => {
    const request = await requestAt(S.SUBMITTED);
    const stale = await h.db.dataSource.getRepository(AccessRequest).findOneByOrFail({ id: request.id });
    // Someone else moves it between our read and our write.
    expect((await move(request.id, S.CESREES_REVIEW, steward)).errors).toBeUndefined();
    const before = await counts();
    class StaleRead extends AccessRequestService {
      override async get(): Promise<AccessRequest> {
        return stale;
      }
    }
    await expect(
      new StaleRead(h.db.dataSource).transition(steward, { id: request.id, to: S.REDIRECTED_MR }),
    ).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect(await counts()).toEqual(before);
    expect(await row(request.id)).toEqual({ status: S.CESREES_REVIEW, version: request.version + 1 });
  });

  it('offers submit and withdraw shortcuts to the requester', async () => {
    const draft = await create();
    const submitted = await h.run<{ submitAccessRequest: Request }>(
      /* GraphQL */ `mutation ($id: ID!) { submitAccessRequest(id: $id, expectedVersion: 1) { status version } }`,
      { id: draft.id },
      requester,
    );
    expect(submitted.data?.submitAccessRequest).toEqual({ status: S.SUBMITTED, version: 2 });
    const withdrawn = await h.run<{ withdrawAccessRequest: Request }>(
      /* GraphQL */ `mutation ($id: ID!) { withdrawAccessRequest(id: $id, note: "Projet abandonné") { status history { note } } }`,
      { id: draft.id },
      requester,
    );
    expect(withdrawn.data?.withdrawAccessRequest.status).toBe(S.WITHDRAWN);
    expect(withdrawn.data?.withdrawAccessRequest.history.at(-1)?.note).toBe('Projet abandonné');
  });
});

describe('visibility', () => {
  const LIST = /* GraphQL */ `
    query ($filter: AccessRequestFilter, $first: Int, $after: String) {
      accessRequests(filter: $filter, first: $first, after: $after) {
        totalCount edges { node { id requester { id } publisher { id } } } pageInfo { hasNextPage endCursor }
      }
    }
  `;
  interface ListData {
    accessRequests: { totalCount: number; edges: { node: { id: string; requester: { id: string }; publisher: { id: string } } }[] };
  }
  const total = async (viewer: Viewer, filter: Record<string, unknown> = {}): Promise<number> => {
    const { data, errors } = await h.run<ListData>(LIST, { filter, first: 0 }, viewer);
    if (errors) throw new Error(JSON.stringify(errors));
    return data?.accessRequests.totalCount ?? -1;
  };
  const sql = async (where: string, params: unknown[]): Promise<number> =>
    Number(((await h.db.dataSource.query(`SELECT COUNT(*) AS n FROM access_request ar WHERE ${where}`, params)) as { n: string }[])[0]?.n);

  it('shows the requesting organisation its own requests only', async () => {
    expect(await total(requester)).toBe(await sql('ar.requesterId = ?', [doctolib]));
    const { data } = await h.run<ListData>(LIST, { first: 200 }, requester);
    for (const e of data?.accessRequests.edges ?? []) expect(e.node.requester.id).toBe(doctolib);
  });

  it('shows the publisher\u2019s stewards every submitted request on its datasets (plus its own), members of the publisher none of them', async () => {
    expect(await total(steward)).toBe(await sql('ar.requesterId = ? OR (ar.publisherId = ? AND ar.submittedAt IS NOT NULL)', [hdh, hdh]));
    expect(await total(steward, { publisherId: hdh })).toBe(await sql('ar.publisherId = ? AND ar.submittedAt IS NOT NULL', [hdh]));
    expect(await total(steward, { publisherId: hdh })).toBeLessThan(await sql('ar.publisherId = ?', [hdh]));
    expect(await total(memberOfPublisher)).toBe(await sql('ar.requesterId = ?', [hdh]));
  });

  it('shows admins everything, and refuses anonymous callers', async () => {
    expect(await total(admin)).toBe(await sql('1 = 1', []));
    const { errors } = await h.run(LIST, {}, null);
    expect(errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('filters by status and dataset and pages without gaps', async () => {
    const open = [S.SUBMITTED, S.CESREES_REVIEW, S.CNIL_REVIEW];
    expect(await total(steward, { status: open, datasetId: snds?.id })).toBe(
      await sql(
        `ar.publisherId = ? AND ar.status IN (?, ?, ?) AND EXISTS (SELECT 1 FROM access_request_dataset l WHERE l.accessRequestId = ar.id AND l.datasetId = ?)`,
        [hdh, ...open, snds?.id],
      ),
    );
    const seen = new Set<string>();
    let after: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof h.run<{ accessRequests: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }>>> =
        await h.run(LIST, { filter: { publisherId: hdh }, first: 150, after }, steward);
      for (const e of page.data?.accessRequests.edges ?? []) seen.add(e.node.id);
      after = page.data?.accessRequests.pageInfo.hasNextPage ? page.data.accessRequests.pageInfo.endCursor : null;
    } while (after);
    expect(seen.size).toBe(await sql('ar.publisherId = ? AND ar.submittedAt IS NOT NULL', [hdh]));
  });

  it('applies the same rules to accessRequest(id), Dataset.accessRequests, Person.accessRequests and Organization.accessRequests', async () => {
    const draft = await create();
    const one = /* GraphQL */ `query ($id: ID!) { accessRequest(id: $id) { id } }`;
    expect((await h.run<{ accessRequest: unknown }>(one, { id: draft.id }, requester)).data?.accessRequest).toEqual({ id: draft.id });
    expect((await h.run<{ accessRequest: unknown }>(one, { id: draft.id }, admin)).data?.accessRequest).toEqual({ id: draft.id });
    expect((await h.run<{ accessRequest: unknown }>(one, { id: draft.id }, steward)).data?.accessRequest).toBeNull();
    const request = await requestAt(S.SUBMITTED);
    expect((await h.run<{ accessRequest: unknown }>(one, { id: request.id }, steward)).data?.accessRequest).toEqual({ id: request.id });
    expect((await h.run<{ accessRequest: unknown }>(one, { id: request.id }, outsider)).data?.accessRequest).toBeNull();
    expect((await h.run<{ accessRequest: unknown }>(one, { id: request.id }, otherSteward)).data?.accessRequest).toBeNull();

    const contributed = /* GraphQL */ `
      query ($reps: [_Any!]!, $dataset: ID!) {
        dataset(id: $dataset) { accessRequests { id } open: accessRequests(open: true) { id status } }
        _entities(representations: $reps) {
          ... on Person { accessRequests { id requester { id } } }
          ... on Organization { accessRequests { id } }
          ... on AccessRequest { id }
        }
      }
    `;
    const variables = {
      dataset: snds?.id,
      reps: [
        { __typename: 'Person', id: requester.sub },
        { __typename: 'Organization', id: doctolib },
        { __typename: 'AccessRequest', id: request.id },
      ],
    };
    type Contributed = {
      dataset: { accessRequests: { id: string }[]; open: { id: string; status: S }[] };
      _entities: ({ accessRequests: { id: string; requester?: { id: string } }[] } | { id: string } | null)[];
    };
    const asRequester = (await h.run<Contributed>(contributed, variables, requester)).data;
    const asSteward = (await h.run<Contributed>(contributed, variables, steward)).data;
    const asOutsider = (await h.run<Contributed>(contributed, variables, outsider)).data;
    const asAnonymous = (await h.run<Contributed>(contributed, variables, null)).data;

    const onSnds = Number(
      (
        (await h.db.dataSource.query(
          'SELECT COUNT(*) AS n FROM access_request_dataset l JOIN access_request ar ON ar.id = l.accessRequestId WHERE l.datasetId = ? AND ar.submittedAt IS NOT NULL',
          [snds?.id],
        )) as { n: string }[]
      )[0]?.n,
    );
    expect(asSteward?.dataset.accessRequests).toHaveLength(onSnds);
    expect(asSteward?.dataset.open.every((r) => !FINAL_STATUSES.includes(r.status))).toBe(true);
    expect(asRequester?.dataset.accessRequests.map((r) => r.id)).toContain(request.id);
    expect(asRequester?.dataset.accessRequests.length).toBeLessThan(onSnds);
    expect(asOutsider?.dataset.accessRequests).toEqual([]);
    expect(asAnonymous?.dataset.accessRequests).toEqual([]);

    const personRequests = (asRequester?._entities[0] as { accessRequests: { id: string }[] }).accessRequests;
    expect(personRequests.map((r) => r.id)).toContain(request.id);
    expect((asOutsider?._entities[0] as { accessRequests: unknown[] }).accessRequests).toEqual([]);
    expect((asRequester?._entities[1] as { accessRequests: { id: string }[] }).accessRequests.map((r) => r.id)).toContain(request.id);
    expect((asAnonymous?._entities[1] as { accessRequests: unknown[] }).accessRequests).toEqual([]);
    expect(asRequester?._entities[2]).toEqual({ id: request.id });
    expect(asOutsider?._entities[2]).toBeNull();
  });
});
