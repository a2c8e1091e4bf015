import { type LookupAddress, promises as dns } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { domainToASCII } from 'node:url';
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Range = [Address, number];

/**
 * Addresses no partner routing URL reaches unless PARTNER_ROUTING_HOSTS lists a range inside them:
 * link-local addresses, where clouds serve instance metadata and credentials (169.254.169.254 on
 * AWS, GCP, Azure, OCI; 169.254.170.2 on ECS), the same through NAT64, AWS's IPv6 metadata address
 * and Alibaba Cloud's. Loopback and private ranges stay open by default: partners are commonly routed
 * to on the operator's own network (Kubernetes services, a VPC).
 */
const REFUSED_BY_DEFAULT: readonly Range[] = [
  '169.254.0.0/16',
  'fe80::/10',
  '64:ff9b::a9fe:0/112',
  'fd00:ec2::254/128',
  '100.100.100.200/32',
].map((cidr) => ipaddr.parseCIDR(cidr));

const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;

/** A host name in the form URLs carry it: lower case, IDN as punycode, no trailing dot. */
function asciiHostName(name: string): string | undefined {
  const ascii = domainToASCII(name.trim().replace(/\.$/, ''));
  if (ascii === '' || ascii.length > 253 || !ascii.split('.').every((label) => LABEL.test(label))) return undefined;
  return ascii;
}

/** An address or a CIDR range of the setting; IPv4 in four decimal parts only, as URLs write it. */
function rangeOf(entry: string): Range | undefined {
  const [address = '', bits] = entry.split('/');
  const decimalV4 = ipaddr.IPv4.isValidFourPartDecimal(address);
  if (!decimalV4 && !ipaddr.IPv6.isValid(address)) return undefined;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) return undefined;
  const max = parsed.kind() === 'ipv4' ? 32 : 128;
  if (bits === undefined) return [parsed, max];
  if (!/^\d{1,3}$/.test(bits) || Number(bits) > max) return undefined;
  return [parsed, Number(bits)];
}

/** An address as connections see it: an IPv4-mapped IPv6 address is the IPv4 one. */
function addressOf(text: string): Address {
  return ipaddr.process(text);
}

function inRange(address: Address, [network, bits]: Range): boolean {
  return address.kind() === network.kind() && address.match(network, bits);
}

/** Why PARTNER_ROUTING_HOSTS cannot be read: one line per entry that is neither a host pattern nor an address range. */
export function routingHostsProblems(entries: readonly string[]): string[] {
  return entries
    .filter((entry) => (entry.includes('/') || isIP(entry) !== 0 ? !rangeOf(entry) : !asciiHostName(entry.replace(/^\*\./, ''))))
    .map((entry) => `"${entry}" is neither a host name, a *.domain, an IPv4/IPv6 address nor a CIDR range (IPv4 as four decimal parts, e.g. 10.0.0.0/8)`);
}

/** Where a routing URL may be fetched: the addresses its host was checked on, handed to the connection. */
export interface AdmittedRoutingUrl {
  /** The addresses checked; the fetch connects to these and resolves nothing again. */
  addresses: LookupAddress[];
  /** A `lookup` for node:net / undici's `connect` that answers with `addresses` only. */
  lookup: LookupFunction;
}

export type RoutingUrlAdmission =
  | { admitted: AdmittedRoutingUrl }
  | { refused: string }
  | { unresolved: string };

export interface RoutingHostsOptions {
  /** How a host name is resolved (tests substitute one); the system resolver's `lookup` by default. */
  resolve?: (hostname: string) => Promise<LookupAddress[]>;
  /** Longest wait for the resolution. */
  timeoutMs?: number;
}

const systemResolve = (hostname: string): Promise<LookupAddress[]> => dns.lookup(hostname, { all: true, verbatim: true });

/**
 * The routing hosts partner subgraphs may use (PARTNER_ROUTING_HOSTS; see docs/partners.md, "The
 * checks"). Host patterns (`graph.partner.example`, `*.partners.example`) filter the name; address
 * ranges (`10.0.0.0/8`, `fd00::/8`, `192.0.2.7`) filter every address the name resolves to. With no
 * entries, any host whose addresses are outside REFUSED_BY_DEFAULT.
 */
export class RoutingHosts {
  private readonly names = new Set<string>();
  private readonly domains: string[] = [];
  private readonly ranges: Range[] = [];
  private readonly resolve: (hostname: string) => Promise<LookupAddress[]>;
  private readonly timeoutMs: number;

  /** `entries` as validated by `routingHostsProblems` (an unreadable one throws). */
  constructor(entries: readonly string[], options: RoutingHostsOptions = {}) {
    const problems = routingHostsProblems(entries);
    if (problems.length > 0) throw new Error(`PARTNER_ROUTING_HOSTS: ${problems.join('; ')}`);
    for (const entry of entries) {
      if (entry.includes('/') || isIP(entry) !== 0) this.ranges.push(rangeOf(entry)!);
      else if (entry.startsWith('*.')) this.domains.push(`.${asciiHostName(entry.slice(2))!}`);
      else this.names.add(asciiHostName(entry)!);
    }
    this.resolve = options.resolve ?? systemResolve;
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  /** True when the operator listed anything (else only REFUSED_BY_DEFAULT applies). */
  get restricted(): boolean {
    return this.names.size > 0 || this.domains.length > 0 || this.ranges.length > 0;
  }

  /**
   * Whether a routing URL (an absolute http(s) URL, validated before) may be fetched: its host name
   * is matched before anything is resolved, then every address it resolves to is checked, so that
   * a name pointing into a refused range is refused; the admitted addresses are the only ones the
   * fetch may connect to. Refusals do not name the addresses (a partner learns nothing of the
   * operator's DNS from them).
   */
  async admit(url: string): Promise<RoutingUrlAdmission> {
    const host = new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
    const literal = isIP(host) !== 0;
    const name = literal ? host : host.replace(/\.$/, '');
    if (literal && this.restricted && this.ranges.length === 0) {
      return { refused: `The routing host ${host} is an address; the routing hosts partner subgraphs may use are listed by name only.` };
    }
    if (!literal && (this.names.size > 0 || this.domains.length > 0) && !this.nameAllowed(name)) {
      return { refused: `The routing host ${name} is not among the host names partner subgraphs may use.` };
    }
    let addresses: LookupAddress[];
    if (literal) {
      addresses = [{ address: host, family: isIP(host) }];
    } else {
      try {
        addresses = await this.resolveInTime(name);
      } catch (error) {
        return { unresolved: `${name} does not resolve (${(error as Error).message})` };
      }
      if (addresses.length === 0) return { unresolved: `${name} does not resolve` };
    }
    for (const { address } of addresses) {
      const refusal = this.addressRefusal(addressOf(address));
      if (refusal) return { refused: `The routing host ${name} ${literal ? 'is' : 'resolves to'} ${refusal}.` };
    }
    return { admitted: { addresses, lookup: pinnedLookup(addresses) } };
  }

  private nameAllowed(name: string): boolean {
    return this.names.has(name) || this.domains.some((domain) => name.endsWith(domain));
  }

  private addressRefusal(address: Address): string | undefined {
    if (this.ranges.length > 0 && !this.ranges.some((range) => inRange(address, range))) {
      return 'an address outside the networks partner subgraphs may use';
    }
    // A listed range opens a refused one only when it lies inside it: 0.0.0.0/0 does not open 169.254.169.254.
    const refused = REFUSED_BY_DEFAULT.find((range) => inRange(address, range));
    if (refused && !this.ranges.some((range) => range[1] >= refused[1] && inRange(address, range))) {
      return 'a link-local or cloud metadata address, which partner subgraphs may not use unless PARTNER_ROUTING_HOSTS lists it';
    }
    return undefined;
  }

  private async resolveInTime(name: string): Promise<LookupAddress[]> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      return await Promise.race([this.resolve(name), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * A `lookup` that answers with the checked addresses whatever it is asked: the connection goes where
 * the check looked, not wherever a second resolution (a rebinding DNS answer) would send it.
 */
function pinnedLookup(addresses: LookupAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
    const usable = family ? addresses.filter((a) => a.family === family) : addresses;
    if (usable.length === 0) {
      const error: NodeJS.ErrnoException = new Error(`no checked address of family ${String(family)}`);
      error.code = 'ENOTFOUND';
      callback(error, '', 0);
      return;
    }
    if (options.all) (callback as unknown as (error: null, all: LookupAddress[]) => void)(null, usable);
    else callback(null, usable[0]!.address, usable[0]!.family);
  };
}
