import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { authorizeMutation, authorizeReference, MUTATION_POLICIES, mutationPolicy } from '../mutation-policy';
import { POLICY_TABLE_END, POLICY_TABLE_START, renderMutationPolicyTable } from '../policy-doc';
import { actsFor, allows, authorize, requireViewer, type AccessRule } from '../policy';
import { Role, type Viewer } from '../viewer';

const A = 'org-a';
const B = 'org-b';
const member: Viewer = { sub: 'p1', org: A, roles: [Role.MEMBER] };
const steward: Viewer = { sub: 'p2', org: A, roles: [Role.MEMBER, Role.DATA_STEWARD] };
const stewardWithoutOrg: Viewer = { sub: 'p3', roles: [Role.DATA_STEWARD] };
const admin: Viewer = { sub: 'root', roles: [Role.ADMIN] };
const rule = (relation: AccessRule['relation'], roles: Role[] = [Role.DATA_STEWARD]): AccessRule => ({ roles, relation });

describe('allows', () => {
  it('needs the role AND the relation for `org`', () => {
    expect(allows(steward, rule('org'), { orgIds: [A] })).toBe(true);
    expect(allows(steward, rule('org'), { orgIds: [B] })).toBe(false);
    expect(allows(member, rule('org'), { orgIds: [A] })).toBe(false);
    expect(allows(stewardWithoutOrg, rule('org'), { orgIds: [A] })).toBe(false);
    expect(allows(steward, rule('org'), { orgIds: [null, undefined] })).toBe(false);
    expect(allows(steward, rule('org'), {})).toBe(false);
  });

  it('needs every organisation for `everyOrg`, and at least one', () => {
    expect(allows(steward, rule('everyOrg'), { orgIds: [A, A] })).toBe(true);
    expect(allows(steward, rule('everyOrg'), { orgIds: [A, B] })).toBe(false);
    expect(allows(steward, rule('everyOrg'), { orgIds: [] })).toBe(false);
  });

  it('grants `self` to the person concerned whatever their roles, and `selfOrOrg` to either', () => {
    expect(allows(member, rule('self'), { personId: 'p1' })).toBe(true);
    expect(allows(member, rule('self'), { personId: 'p2' })).toBe(false);
    expect(allows(member, rule('self'), { personId: null })).toBe(false);
    expect(allows(member, rule('selfOrOrg'), { personId: 'p1', orgIds: [B] })).toBe(true);
    expect(allows(steward, rule('selfOrOrg'), { personId: 'p1', orgIds: [A] })).toBe(true);
    expect(allows(member, rule('selfOrOrg'), { personId: 'p9', orgIds: [A] })).toBe(false);
  });

  it('lets any signed-in viewer through `none` without roles, and the role holders with', () => {
    expect(allows(member, rule('none', []))).toBe(true);
    expect(allows(member, rule('none'))).toBe(false);
    expect(allows(steward, rule('none'))).toBe(true);
    expect(allows(null, rule('none', []))).toBe(false);
  });

  it('lets admins through every rule but `adminsExcluded` ones; `admin` is for them only', () => {
    for (const relation of ['none', 'self', 'org', 'everyOrg', 'selfOrOrg', 'admin'] as const) {
      expect(allows(admin, rule(relation), { orgIds: [B] })).toBe(true);
      expect(allows(admin, { ...rule(relation), adminsExcluded: true }, { orgIds: [B] })).toBe(false);
    }
    expect(allows(steward, rule('admin'), { orgIds: [A] })).toBe(false);
  });

  it('reads the organisation from the viewer, never from a blank', () => {
    expect(actsFor(steward, A)).toBe(true);
    expect(actsFor(stewardWithoutOrg, undefined)).toBe(false);
    expect(actsFor({ sub: 'x', org: '', roles: [] }, '')).toBe(false);
  });
});

describe('authorize', () => {
  it('answers UNAUTHENTICATED to anonymous callers and FORBIDDEN to the others it refuses', () => {
    expect(() => authorize(null, rule('org'), { orgIds: [A] })).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
    expect(() => authorize(member, rule('org'), { orgIds: [A] }, 'no')).toThrow(expect.objectContaining({ code: 'FORBIDDEN', message: 'no' }));
    expect(authorize(steward, rule('org'), { orgIds: [A] })).toBe(steward);
  });

  it('applies the table’s rule of a mutation, and refuses to guess for a mutation missing from it', () => {
    expect(() => authorizeMutation(member, 'setRequirement', { orgIds: [A] })).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => mutationPolicy('dropEverything')).toThrow(/No authorisation policy for mutation dropEverything/);
  });
});

describe('authorizeReference', () => {
  const admin: Viewer = { sub: 'root', roles: [Role.ADMIN] };
  const refer = (viewer: Viewer | null, owners: { orgIds?: string[]; personId?: string }): unknown =>
    authorizeReference(viewer, 'createDataset', 'input.catalogueId', owners, 'not yours');

  it('lets the owner\u2019s people, the person themself and admins refer to it', () => {
    expect(refer(steward, { orgIds: [A] })).toBe(steward);
    expect(refer(member, { personId: 'p1' })).toBe(member);
    expect(refer(admin, { orgIds: [B] })).toBe(admin);
  });

  it('refuses others with FORBIDDEN naming the field, and anonymous callers with UNAUTHENTICATED', () => {
    expect(() => refer(steward, { orgIds: [B] })).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN', field: 'input.catalogueId' }) }));
    expect(() => refer(stewardWithoutOrg, { orgIds: [A] })).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }));
    expect(() => refer(null, { orgIds: [A] })).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) }));
  });

  it('excludes admins where the mutation\u2019s rule does', () => {
    expect(() => authorizeReference(admin, 'createAccessRequest', 'input.projectId', { orgIds: [B] }, 'no')).toThrow();
  });
});

describe('the table', () => {
  it('names roles that exist and relations that mean something for each entry', () => {
    for (const [name, entry] of Object.entries(MUTATION_POLICIES)) {
      expect([name, entry.roles.every((r) => Object.values(Role).includes(r))]).toEqual([name, true]);
      expect([name, entry.owner.length > 0]).toEqual([name, true]);
    }
  });

  it('is the one in docs/security.md (regenerate it with npm run docs:security)', () => {
    const doc = readFileSync(join(__dirname, '../../../../docs/security.md'), 'utf8');
    const start = doc.indexOf(POLICY_TABLE_START);
    const end = doc.indexOf(POLICY_TABLE_END);
    expect(start).toBeGreaterThan(-1);
    expect(doc.slice(start, end + POLICY_TABLE_END.length)).toBe(renderMutationPolicyTable());
  });
});

describe('requireViewer', () => {
  it('returns a signed-in viewer and refuses an anonymous caller with UNAUTHENTICATED', () => {
    expect(requireViewer(member)).toBe(member);
    expect(() => requireViewer(null)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) }));
  });
});
