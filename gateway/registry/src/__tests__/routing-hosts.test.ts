import { type LookupAddress } from 'node:dns';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { ConfigError, parseEnv } from '@ecosystem/shared';
import { registryEnvSchema } from '../registry-env';
import { RoutingHosts, type RoutingUrlAdmission, routingHostsProblems } from '../routing-hosts';
import { fetchSubgraphSdl } from '../supergraph/compose';

/** A resolver answering from a table, recording what it was asked. */
function table(entries: Record<string, string[]>): { resolve: (name: string) => Promise<LookupAddress[]>; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    resolve: async (name) => {
      asked.push(name);
      const addresses = entries[name];
      if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
      return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    },
  };
}

const verdict = (admission: RoutingUrlAdmission): string => ('admitted' in admission ? 'admitted' : 'refused' in admission ? 'refused' : 'unresolved');

describe('PARTNER_ROUTING_HOSTS entries', () => {
  it('reads host names, *.domains, addresses and CIDR ranges, and names every other entry', () => {
    expect(routingHostsProblems(['graph.partner.example', '*.partners.example', 'Café.example', '10.0.0.0/8', 'fd00::/8', '192.0.2.7', '::1', 'svc.cluster.local.'])).toEqual([]);
    const problems = routingHostsProblems(['*', 'a.*.example', '10.0.0.0/33', '0x0a.0.0.0/8', '10.0.0/8', '::ffff:10.0.0.0/104', 'bad_-.', 'http://x']);
    expect(problems).toHaveLength(8);
    expect(problems[0]).toContain('"*" is neither');
  });

  it('are read at start: an unreadable entry stops the process with one line naming the setting and the entry', () => {
    expect(parseEnv(registryEnvSchema, { PARTNER_ROUTING_HOSTS: ' *.partners.example, 10.0.0.0/8 ,' }).PARTNER_ROUTING_HOSTS).toEqual(['*.partners.example', '10.0.0.0/8']);
    expect(parseEnv(registryEnvSchema, {}).PARTNER_ROUTING_HOSTS).toEqual([]);
    expect(() => parseEnv(registryEnvSchema, { PARTNER_ROUTING_HOSTS: '10.0.0.0/8,10.0.0.0/40' })).toThrow(ConfigError);
    expect(() => parseEnv(registryEnvSchema, { PARTNER_ROUTING_HOSTS: '10.0.0.0/8,10.0.0.0/40' })).toThrow(/PARTNER_ROUTING_HOSTS: "10\.0\.0\.0\/40" is neither/);
  });
});

describe('RoutingHosts, unset', () => {
  const dns = table({ 'svc.default.svc.cluster.local': ['10.96.4.2'], 'metadata.example': ['169.254.169.254'], 'mixed.example': ['10.0.0.5', '169.254.170.2'], 'v6meta.example': ['fd00:ec2::254'] });
  const hosts = new RoutingHosts([], { resolve: dns.resolve });

  it('admits loopback, private networks and names resolving to them: partners routed on the operator network', async () => {
    for (const url of ['http://127.0.0.1:4010/graphql', 'http://[::1]:4010/graphql', 'http://10.1.2.3/graphql', 'https://svc.default.svc.cluster.local/graphql']) {
      expect([url, verdict(await hosts.admit(url))]).toEqual([url, 'admitted']);
    }
  });

  it('refuses link-local and cloud metadata addresses, written in any form or reached through a name', async () => {
    for (const url of [
      'http://169.254.169.254/latest/meta-data',
      'http://2852039166/', // 169.254.169.254 as one number: the URL parser makes it dotted
      'http://[::ffff:169.254.169.254]/',
      'http://[fd00:ec2::254]/',
      'http://[fe80::1]/',
      'http://[64:ff9b::a9fe:a9fe]/',
      'http://100.100.100.200/',
      'http://metadata.example/',
      'http://mixed.example/', // every address counts, not the first
      'http://v6meta.example/',
    ]) {
      const admission = await hosts.admit(url);
      expect([url, verdict(admission)]).toEqual([url, 'refused']);
      expect('refused' in admission && admission.refused).toContain('link-local or cloud metadata');
    }
  });

  it('says a name that does not resolve is unresolved, not refused', async () => {
    expect(verdict(await hosts.admit('http://nowhere.example/graphql'))).toBe('unresolved');
  });
});

describe('RoutingHosts, set', () => {
  it('with names: refuses any other name before resolving it, and an address written in the URL', async () => {
    const dns = table({ 'graph.north.partners.example': ['203.0.113.5'], 'graph.partner.example': ['203.0.113.6'], 'elsewhere.example': ['203.0.113.7'] });
    const hosts = new RoutingHosts(['graph.partner.example', '*.partners.example'], { resolve: dns.resolve });
    expect(verdict(await hosts.admit('https://graph.partner.example/graphql'))).toBe('admitted');
    expect(verdict(await hosts.admit('https://GRAPH.north.partners.example./graphql'))).toBe('admitted');
    expect(verdict(await hosts.admit('https://elsewhere.example/graphql'))).toBe('refused');
    expect(verdict(await hosts.admit('https://partners.example/graphql'))).toBe('refused'); // *.domain: names below it only
    expect(verdict(await hosts.admit('http://203.0.113.6/graphql'))).toBe('refused');
    expect(dns.asked).toEqual(['graph.partner.example', 'graph.north.partners.example']);
  });

  it('with ranges: every address must be in one, whatever the name; 0.0.0.0/0 does not open the metadata addresses', async () => {
    const dns = table({ 'inside.example': ['10.20.0.4', 'fd00::4'], 'half.example': ['10.20.0.4', '127.0.0.1'], 'meta.example': ['169.254.169.254'] });
    const hosts = new RoutingHosts(['10.20.0.0/16', 'fd00::/8'], { resolve: dns.resolve });
    expect(verdict(await hosts.admit('http://inside.example/graphql'))).toBe('admitted');
    expect(verdict(await hosts.admit('http://10.20.255.1/graphql'))).toBe('admitted');
    expect(verdict(await hosts.admit('http://half.example/graphql'))).toBe('refused');
    expect(verdict(await hosts.admit('http://10.21.0.1/graphql'))).toBe('refused');
    expect(verdict(await new RoutingHosts(['0.0.0.0/0'], { resolve: dns.resolve }).admit('http://meta.example/'))).toBe('refused');
    expect(verdict(await new RoutingHosts(['169.254.169.254'], { resolve: dns.resolve }).admit('http://meta.example/'))).toBe('admitted');
  });

  it('with names and ranges: both filters apply', async () => {
    const dns = table({ 'graph.partner.example': ['10.20.0.4'], 'rebound.partner.example': ['127.0.0.1'] });
    const hosts = new RoutingHosts(['*.partner.example', '10.20.0.0/16'], { resolve: dns.resolve });
    expect(verdict(await hosts.admit('http://graph.partner.example/graphql'))).toBe('admitted');
    expect(verdict(await hosts.admit('http://rebound.partner.example/graphql'))).toBe('refused');
    expect(verdict(await hosts.admit('http://10.20.0.9/graphql'))).toBe('admitted');
  });
});

describe('the fetch of an admitted routing URL', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data: { _service: { sdl: 'type Query { pinned: Boolean }' } } }));
    });
    // 127.0.0.2: an address the system resolver never gives for "localhost" (127.0.0.1 here).
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', () => resolve()));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('connects to the addresses checked, not to what the name resolves to again', async () => {
    const hosts = new RoutingHosts(['127.0.0.2'], { resolve: table({ localhost: ['127.0.0.2'] }).resolve });
    const admission = await hosts.admit(`http://localhost:${port}/graphql`);
    if (!('admitted' in admission)) throw new Error(verdict(admission));
    await expect(fetchSubgraphSdl(`http://localhost:${port}/graphql`, 2000, admission.admitted.lookup)).resolves.toBe('type Query { pinned: Boolean }');
    // Resolved again by the system, the same URL leads to 127.0.0.1, where nothing listens on that port.
    await expect(fetchSubgraphSdl(`http://localhost:${port}/graphql`, 2000)).rejects.toThrow();
  });
});
