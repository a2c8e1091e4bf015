import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@ecosystem/shared';
import { loadGatewayConfig } from '../../config';
import { fileSource, FollowedSupergraphManager, supergraphMembers } from '../followed-supergraph';
import { SHIPPED_SUPERGRAPH_FILE } from '../swap';

const shipped = readFileSync(SHIPPED_SUPERGRAPH_FILE, 'utf8');
const logger = createLogger('followed-supergraph-test', 'silent');
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'followed-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function replace(file: string, text: string): void {
  writeFileSync(`${file}.next`, text);
  renameSync(`${file}.next`, file);
}

describe('supergraphMembers', () => {
  it('reads every subgraph and its URL from join__graph, core names marked core', () => {
    const moved = shipped.replace('http://localhost:4002/graphql', 'http://datasets.elsewhere:9000/graphql');
    expect(supergraphMembers(moved).map((m) => [m.name, m.url, m.kind])).toEqual(
      expect.arrayContaining([
        ['members', 'http://localhost:4001/graphql', 'core'],
        ['datasets', 'http://datasets.elsewhere:9000/graphql', 'core'],
      ]),
    );
  });

  it('refuses a text that is not a supergraph', () => {
    expect(() => supergraphMembers('type Query { a: String }')).toThrow();
  });
});

describe('FollowedSupergraphManager on a file', () => {
  it('refuses to start on an invalid file', async () => {
    const file = join(dir, 'supergraph.graphql');
    writeFileSync(file, 'type Query { a: String }');
    const manager = new FollowedSupergraphManager({ source: fileSource(file), logger });
    await expect(manager.initialize({ update: () => undefined, healthCheck: async () => undefined, getDataSource: () => undefined as never })).rejects.toThrow(/^Invalid configuration: SUPERGRAPH_FILE: .* is not a valid supergraph \(.+\): set SUPERGRAPH_FILE to /);
  });

  it('swaps a valid change, keeps the previous supergraph on an invalid one', async () => {
    const file = join(dir, 'supergraph.graphql');
    writeFileSync(file, shipped);
    const updates: string[] = [];
    const manager = new FollowedSupergraphManager({ source: fileSource(file, 50), logger });
    const { cleanup } = await manager.initialize({ update: (sdl) => updates.push(sdl), healthCheck: async () => undefined, getDataSource: () => undefined as never });
    try {
      expect(manager.serving?.version).toBe(1);
      replace(file, 'not a supergraph');
      expect(await manager.reload()).toBe(false);
      expect(manager.serving?.sdl).toBe(shipped);
      const moved = shipped.replace('http://localhost:4004/graphql', 'http://events.elsewhere:9000/graphql');
      replace(file, moved);
      expect(await manager.reload()).toBe(true);
      expect(updates).toEqual([moved]);
      expect(manager.serving?.version).toBe(2);
      expect(manager.serving?.members.find((m) => m.name === 'events')?.url).toBe('http://events.elsewhere:9000/graphql');
      // Unchanged text: nothing to swap.
      expect(await manager.reload()).toBe(false);
    } finally {
      await cleanup();
    }
  });
});

describe('FollowedSupergraphManager: a change of form only', () => {
  it('swaps nothing when comments, blank lines or indentation change; swaps a real change', async () => {
    const file = join(dir, 'supergraph.graphql');
    writeFileSync(file, shipped);
    const updates: string[] = [];
    const manager = new FollowedSupergraphManager({ source: fileSource(file, 50), logger });
    const { cleanup } = await manager.initialize({ update: (sdl) => updates.push(sdl), healthCheck: async () => undefined, getDataSource: () => undefined as never });
    try {
      const reformatted = `# Reviewed by an operator.\n\n${shipped.replace(/\n {2}/g, '\n    ')}\n# end\n`;
      expect(reformatted).not.toBe(shipped);
      replace(file, reformatted);
      expect(await manager.reload()).toBe(false);
      expect(updates).toEqual([]);
      expect(manager.serving?.version).toBe(1);
      // A description is part of the schema: a change.
      const described = shipped.replace('type Query', '"The root of the graph."\ntype Query');
      expect(described).not.toBe(shipped);
      replace(file, described);
      expect(await manager.reload()).toBe(true);
      expect(updates).toEqual([described]);
      expect(manager.serving?.version).toBe(2);
      // Back to the first form of the first supergraph: a change again (from the second).
      replace(file, reformatted);
      expect(await manager.reload()).toBe(true);
      expect(manager.serving?.version).toBe(3);
    } finally {
      await cleanup();
    }
  });
});

describe('configuration of a followed supergraph', () => {
  it('keeps only the SUBGRAPH_<NAME>_URL set explicitly as overrides', () => {
    const config = loadGatewayConfig({ SUPERGRAPH_FILE: 'x.graphql', SUBGRAPH_EVENTS_URL: 'http://e:1/graphql', SUBGRAPH_CAMPUS_NORTH_URL: 'http://c:2/graphql' });
    expect([...config.subgraphUrlOverrides]).toEqual([
      ['EVENTS', 'http://e:1/graphql'],
      ['CAMPUS_NORTH', 'http://c:2/graphql'],
    ]);
    expect(loadGatewayConfig({}).subgraphUrlOverrides.size).toBe(0);
  });

  it('refuses SUPERGRAPH_FILE with REGISTRY_URL, and a bad override', () => {
    expect(() => loadGatewayConfig({ SUPERGRAPH_FILE: 'x.graphql', REGISTRY_URL: 'http://registry:4100' })).toThrow(/SUPERGRAPH_FILE and REGISTRY_URL/);
    expect(() => loadGatewayConfig({ SUBGRAPH_CAMPUS_NORTH_URL: 'not a url' })).toThrow(/SUBGRAPH_CAMPUS_NORTH_URL/);
  });
});
