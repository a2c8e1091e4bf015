import { checkBreakingChanges, checkNullability, checkOwnership, composeCandidate } from '../checks';
import { loadOwnershipPolicy } from '../policy';
import { type ManifestEntry } from '../registry.entities';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@override", "@external", "@requires"])';
const members: ManifestEntry = {
  name: 'members',
  url: 'http://members/graphql',
  kind: 'core',
  sdl: `${LINK}
    type Query { organizations: [Organization!]! ecosystems: [Ecosystem!]! }
    type Organization @key(fields: "id") { id: ID! name: String! }
    type Ecosystem @key(fields: "id") { id: ID! code: String! }
    type Money @shareable { amount: String! currency: String! }`,
};
const events: ManifestEntry = {
  name: 'events',
  url: 'http://events/graphql',
  kind: 'core',
  sdl: `${LINK}
    type Query { events: [Event!]! }
    type Event @key(fields: "id") { id: ID! title: String! }`,
};
const policy = loadOwnershipPolicy();
const partner = (sdl: string): { name: string; sdl: string } => ({ name: 'campus-north', sdl: `${LINK}\n${sdl}` });

describe('ownership policy', () => {
  it('lets a partner add fields to the extendable entities, with its own types and shared value types', () => {
    const problems = checkOwnership(policy, [members, events], partner(`
      type Query { campusResidents: [Organization!]! }
      type Organization @key(fields: "id") { id: ID! campusProfile: CampusProfile name: String! @external nameLength: Int @requires(fields: "name") }
      type Event @key(fields: "id") { id: ID! room: String }
      type CampusProfile { resident: Boolean! fee: Money }
      type Money @shareable { amount: String! currency: String! }
      type _Service { sdl: String }
    `));
    expect(problems).toEqual([]);
  });

  it('refuses redefining, overriding or @shareable-copying a core field, and closed core types', () => {
    const problems = checkOwnership(policy, [members, events], partner(`
      type Query { organizations: [Organization!]! }
      type Organization @key(fields: "id") { id: ID! name: String! @shareable }
      type Event @key(fields: "id") { id: ID! title: String! @override(from: "events") extra: String @shareable }
      type Ecosystem @key(fields: "id") { id: ID! note: String }
    `));
    const codes = problems.map((p) => `${p.code} ${p.type}${p.field ? `.${p.field}` : ''}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'REDEFINES_CORE_ROOT_FIELD Query.organizations',
        'REDEFINES_CORE_FIELD Organization.name',
        'OVERRIDES_CORE_FIELD Event.title',
        'REDEFINES_CORE_FIELD Event.title',
        'FORBIDDEN_DIRECTIVE Event.extra',
        'CORE_TYPE_NOT_EXTENDABLE Ecosystem',
      ]),
    );
    expect(problems.every((p) => p.check === 'policy' && p.subgraph === 'campus-north')).toBe(true);
    expect(problems.find((p) => p.code === 'REDEFINES_CORE_FIELD')?.message).toMatch(/campusNorthName/);
  });
});

describe('composition', () => {
  it('locates each error: subgraph, type, field', () => {
    const { supergraphSdl, problems } = composeCandidate([
      members,
      { name: 'campus-north', url: 'http://c/graphql', kind: 'partner', sdl: `${LINK}\ntype Organization @key(fields: "id") { id: ID! name: Int! }` },
    ]);
    expect(supergraphSdl).toBeUndefined();
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ check: 'composition', code: 'FIELD_TYPE_MISMATCH', type: 'Organization', field: 'name', subgraph: expect.stringContaining('campus-north') }),
      ]),
    );
  });

  it('reports a syntax error with the subgraph', () => {
    const { problems } = composeCandidate([members, { name: 'campus-north', url: 'http://c', kind: 'partner', sdl: 'type {' }]);
    expect(problems[0]).toMatchObject({ check: 'composition', code: 'INVALID_GRAPHQL', subgraph: 'campus-north' });
  });
});

describe('breaking changes', () => {
  const withPartner = (fields: string): string => {
    const { supergraphSdl } = composeCandidate([
      members,
      { name: 'campus-north', url: 'http://c/graphql', kind: 'partner', sdl: `${LINK}\ntype Organization @key(fields: "id") { id: ID! ${fields} }` },
    ]);
    if (!supergraphSdl) throw new Error('did not compose');
    return supergraphSdl;
  };

  it('refuses a change that breaks a recorded operation, ignores operations already failing', () => {
    const serving = withPartner('badge: String');
    const candidate = withPartner('badgeLabel: String');
    const lastSeen = new Date('2026-11-01T10:00:00Z');
    const { problems, changes, operationsChecked } = checkBreakingChanges(serving, candidate, [
      { operationName: 'Badges', document: 'query Badges { organizations { id badge } }', lastSeen },
      { operationName: null, document: 'query Names { organizations { name } }', lastSeen },
      { operationName: 'Old', document: 'query Old { organizations { gone } }', lastSeen },
    ]);
    expect(operationsChecked).toBe(2);
    expect(problems).toEqual([
      expect.objectContaining({ check: 'breaking', code: 'BREAKS_RECORDED_OPERATION', operation: 'Badges', type: 'Organization', field: 'badge' }),
    ]);
    expect(problems[0]?.message).toMatch(/last sent 2026-11-01T10:00:00.000Z/);
    expect(changes).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'FIELD_REMOVED' })]));
  });
});

describe('nullability of what a partner adds', () => {
  const compose = (sources: ManifestEntry[]): string => {
    const { supergraphSdl, problems } = composeCandidate(sources);
    if (!supergraphSdl) throw new Error(`did not compose: ${problems.map((p) => p.message).join('; ')}`);
    return supergraphSdl;
  };
  const serving = compose([members, events]);
  const withPartner = (sdl: string): string =>
    compose([members, events, { name: 'campus-north', url: 'http://c/graphql', kind: 'partner', sdl: `${LINK}\n${sdl}` }]);

  it('refuses a non-null field added to a core entity and a non-null reference to a core entity, naming the field and why', () => {
    const candidate = withPartner(`
      type Query { campusResidents: [Organization!]! }
      type Organization @key(fields: "id") { id: ID! badge: String! campusProfile: CampusProfile }
      type Event @key(fields: "id") { id: ID! rooms: [String!]! }
      type CampusProfile { resident: Boolean! host: Organization! }
    `);
    const problems = checkNullability(serving, candidate, 'campus-north');
    expect(problems.map((p) => `${p.code} ${p.type}.${p.field}`).sort()).toEqual([
      'NON_NULL_CROSS_SUBGRAPH_FIELD CampusProfile.host',
      'NON_NULL_CROSS_SUBGRAPH_FIELD Event.rooms',
      'NON_NULL_CROSS_SUBGRAPH_FIELD Organization.badge',
      'NON_NULL_CROSS_SUBGRAPH_FIELD Query.campusResidents',
    ]);
    expect(problems.every((p) => p.check === 'policy' && p.subgraph === 'campus-north')).toBe(true);
    const badge = problems.find((p) => p.field === 'badge');
    expect(badge?.message).toMatch(/campus-north adds Organization\.badge to Organization, which members owns/);
    expect(badge?.message).toMatch(/Make it nullable \(String\)/);
    expect(problems.find((p) => p.field === 'host')?.message).toMatch(/returns Organization, which members owns.*when members is down/);
  });

  it('refuses a non-null root field of its own type: combined with another subgraph\'s root field, it would null the whole answer', () => {
    const candidate = withPartner(`
      type Query { campusNews: [CampusNews!]! campusWeather: String! campusRooms: [String!] }
      type CampusNews { title: String! }
    `);
    const problems = checkNullability(serving, candidate, 'campus-north');
    expect(problems.map((p) => `${p.code} ${p.type}.${p.field}`).sort()).toEqual(['NON_NULL_ROOT_FIELD Query.campusNews', 'NON_NULL_ROOT_FIELD Query.campusWeather']);
    expect(problems.every((p) => p.check === 'policy' && p.subgraph === 'campus-north')).toBe(true);
    const news = problems.find((p) => p.field === 'campusNews');
    expect(news?.message).toMatch(/Query\.campusNews \(resolved by campus-north\) is \[CampusNews!\]!: .*`data: null`.*Make it nullable \(\[CampusNews!\]\)/);
    // The core subgraphs' root fields (non-null in these fixtures) are not the partner's to fix.
    expect(problems.some((p) => ['organizations', 'ecosystems', 'events'].includes(p.field!))).toBe(false);
  });

  it('accepts the same fields once nullable (its own value type keeps its non-null fields)', () => {
    const candidate = withPartner(`
      type Query { campusResidents: [Organization!] campusNews: [CampusNews!] }
      type CampusNews { title: String! }
      type Organization @key(fields: "id") { id: ID! badge: String campusProfile: CampusProfile }
      type Event @key(fields: "id") { id: ID! rooms: [String!] }
      type CampusProfile { resident: Boolean! host: Organization }
    `);
    expect(checkNullability(serving, candidate, 'campus-north')).toEqual([]);
  });
});
