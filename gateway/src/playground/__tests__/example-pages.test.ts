import Fastify, { type FastifyInstance } from 'fastify';
import { GATEWAY_ROUTER_OPTIONS } from '../../http/hooks';
import { installExamplePages } from '../example-pages';

// The gateway's router ignores trailing slashes; @fastify/static's own folder redirect then looped
// (301 to the same URL) and browsers gave up on /examples/member-directory/.
describe('example pages under the gateway router', () => {
  let app: FastifyInstance;
  let base: string;
  // Real HTTP (Fastify's inject needs an ESM-only module that jest cannot load here).
  const get = (path: string): Promise<Response> => fetch(`${base}${path}`, { redirect: 'manual' });
  beforeAll(async () => {
    app = Fastify({ routerOptions: GATEWAY_ROUTER_OPTIONS });
    installExamplePages(app);
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => app.close());

  it('serves a page at its folder with the slash', async () => {
    const answer = await get('/examples/member-directory/');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('sends the folder without its slash to the folder with it, keeping the query', async () => {
    const answer = await get('/examples/member-directory?lang=en');
    expect(answer.status).toBe(301);
    expect(answer.headers.get('location')).toBe('/examples/member-directory/?lang=en');
  });

  it('serves the files the page links to, and not its sources', async () => {
    expect((await get('/examples/member-directory/style.css')).status).toBe(200);
    expect((await get('/examples/member-directory/js/app.js')).status).toBe(200);
    expect((await get('/examples/member-directory/tsconfig.json')).status).toBe(404);
  });
});
