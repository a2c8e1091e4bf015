import { corsOrigins } from '../request-policies';

function allows(origins: (string | RegExp)[], origin: string): boolean {
  return origins.some((allowed) => (typeof allowed === 'string' ? allowed === origin : allowed.test(origin)));
}

describe('corsOrigins', () => {
  it('allows any local development origin outside production when none is configured', () => {
    const origins = corsOrigins({ CORS_ORIGINS: [], production: false });
    for (const origin of ['http://localhost:3000', 'http://127.0.0.1:5173', 'http://[::1]:8080', 'https://localhost:8443']) {
      expect(allows(origins, origin)).toBe(true);
    }
    for (const origin of ['http://localhost', 'http://localhost.evil.example:3000', 'https://app.example.org', 'http://10.0.0.2:3000']) {
      expect(allows(origins, origin)).toBe(false);
    }
  });

  it('allows nothing in production when none is configured', () => {
    expect(corsOrigins({ CORS_ORIGINS: [], production: true })).toEqual([]);
  });

  it('uses exactly the configured allow-list in every mode', () => {
    expect(corsOrigins({ CORS_ORIGINS: ['https://app.example.org'], production: false })).toEqual(['https://app.example.org']);
    expect(corsOrigins({ CORS_ORIGINS: ['https://app.example.org'], production: true })).toEqual(['https://app.example.org']);
  });
});
