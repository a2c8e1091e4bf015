import { signIdentityToken, verifyIdentityToken } from '../identity-token';
import { Role } from '../viewer';

const secret = 'a'.repeat(32);
const viewer = { sub: 'person-1', org: 'org-1', roles: [Role.MEMBER] };

describe('identity token between gateway and subgraphs', () => {
  it('round-trips the viewer for the audience it was signed for', async () => {
    const token = await signIdentityToken(viewer, { secret, audience: 'members' });
    await expect(verifyIdentityToken(token, { secret, audience: 'members' })).resolves.toEqual(viewer);
  });

  it.each([
    ['another subgraph', { secret, audience: 'events' }],
    ['a forged signature', { secret: 'b'.repeat(32), audience: 'members' }],
  ])('is refused when presented to %s', async (_label, options) => {
    const token = await signIdentityToken(viewer, { secret, audience: 'members' });
    await expect(verifyIdentityToken(token, options)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('is refused once expired', async () => {
    const token = await signIdentityToken(viewer, { secret, audience: 'members', ttlSeconds: -10 });
    await expect(verifyIdentityToken(token, { secret, audience: 'members' })).rejects.toMatchObject({
      message: 'Identity token expired',
    });
  });

  it('drops roles it does not know', async () => {
    const token = await signIdentityToken({ ...viewer, roles: ['superuser' as never, Role.ADMIN] }, { secret, audience: 'members' });
    expect((await verifyIdentityToken(token, { secret, audience: 'members' })).roles).toEqual([Role.ADMIN]);
  });
});
