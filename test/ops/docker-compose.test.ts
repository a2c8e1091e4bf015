import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv as parseDotEnv } from 'node:util';
import { parseEnv, pubSubEnvSchema } from '@ecosystem/shared';
import { parse } from 'yaml';
import { CORE_DEFINITIONS } from '../helpers/graph';

/* No Docker engine runs in CI: this keeps docker-compose.yml valid YAML and in step with the code. */
interface Service {
  env_file?: string | string[];
  build?: { context: string; args?: Record<string, string> };
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
}

const compose = parse(readFileSync(join(__dirname, '../../docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};

describe('docker-compose.yml', () => {
  it.each(CORE_DEFINITIONS.map((d) => [d.name, d.defaultPort] as const))(
    'runs the %s subgraph on its port, on MySQL, after MySQL is healthy',
    (name, port) => {
      const service = compose.services[name];
      expect(service?.build?.args?.SERVICE).toBe(`subgraphs/${name}`);
      expect(service?.environment?.PORT).toBe(String(port));
      expect(service?.environment?.DATABASE_URL).toMatch(/^mysql:\/\/.+@mysql:3306$/);
      expect(service?.depends_on?.mysql?.condition).toBe('service_healthy');
      expect(service?.healthcheck?.test.join(' ')).toContain('/ready');
    },
  );

  it('points the gateway at every core subgraph and starts it after they are healthy', () => {
    const gateway = compose.services.gateway;
    for (const { name, defaultPort } of CORE_DEFINITIONS) {
      expect(gateway?.environment?.[`SUBGRAPH_${name.toUpperCase()}_URL`]).toBe(`http://${name}:${defaultPort}/graphql`);
      expect(gateway?.depends_on?.[name]?.condition).toBe('service_healthy');
    }
    expect(gateway?.ports).toContain('4000:4000');
    // The registry (partner subgraphs, accepted supergraphs) lives in MySQL, shared by replicas.
    expect(gateway?.environment?.DATABASE_URL).toMatch(/^mysql:\/\/.+@mysql:3306$/);
    expect(gateway?.depends_on?.mysql?.condition).toBe('service_healthy');
  });

  it('gives the gateway the Node settings of gateway/node-options.env, the file `npm start` reads: one heap ceiling', () => {
    const gateway = compose.services.gateway;
    expect(gateway?.env_file).toBe('gateway/node-options.env');
    // environment: would win over env_file and set a second ceiling.
    expect(gateway?.environment?.NODE_OPTIONS).toBeUndefined();
    const options = parseDotEnv(readFileSync(join(__dirname, '../../gateway/node-options.env'), 'utf8'));
    expect(options.NODE_OPTIONS).toMatch(/^--max-old-space-size=\d+/);
  });

  it('passes REDIS_URL to the gateway and to the subgraphs with subscriptions (events, datasets); empty when unset, which they read as unset', () => {
    for (const name of ['gateway', 'events', 'datasets']) expect(compose.services[name]?.environment?.REDIS_URL).toBe('${REDIS_URL:-}');
    // Compose substitutes "" for an unset REDIS_URL: the subgraphs then keep their pub/sub in process.
    expect(parseEnv(pubSubEnvSchema, { REDIS_URL: '' }).REDIS_URL).toBeUndefined();
    expect(parseEnv(pubSubEnvSchema, { REDIS_URL: 'redis://redis:6379' }).REDIS_URL).toBe('redis://redis:6379');
  });

  it('runs the optional registry process on the gateway image, on the same database, after the core subgraphs', () => {
    const registry = compose.services.registry as Service & { command?: string[]; profiles?: string[] };
    expect(registry.profiles).toEqual(['registry']);
    expect(registry.command).toEqual(['node', 'gateway/dist/registry-main.js']);
    expect(registry.environment?.DATABASE_URL).toBe(compose.services.gateway?.environment?.DATABASE_URL);
    expect(registry.environment?.DB_PREFIX).toBe(compose.services.gateway?.environment?.DB_PREFIX);
    for (const { name, defaultPort } of CORE_DEFINITIONS) {
      expect(registry.environment?.[`SUBGRAPH_${name.toUpperCase()}_URL`]).toBe(`http://${name}:${defaultPort}/graphql`);
      expect(registry.depends_on?.[name]?.condition).toBe('service_healthy');
    }
    expect(registry.healthcheck?.test.join(' ')).toContain(`localhost:${registry.environment?.REGISTRY_PORT}/ready`);
  });
});
