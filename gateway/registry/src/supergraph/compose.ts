import { composeServices } from '@apollo/composition';
import { type LookupFunction } from 'node:net';
import { parse } from 'graphql';
import { Agent, fetch } from 'undici';
import { deriveContract, hasPublicTags } from '../contracts/contract-schema';

export interface SubgraphSource {
  name: string;
  url: string;
  sdl: string;
}

/** Composition refused the subgraphs: one message per problem. */
export class CompositionError extends Error {
  constructor(readonly problems: string[]) {
    super(`Composition failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CompositionError';
  }
}

/**
 * Asks a running subgraph for its SDL (`_service { sdl }`). `lookup`: where its host name leads (a
 * partner's routing URL, to the addresses its check admitted), instead of the system resolver.
 */
export async function fetchSubgraphSdl(url: string, timeoutMs = 5000, lookup?: LookupFunction): Promise<string> {
  const dispatcher = lookup ? new Agent({ connect: { lookup } }) : undefined;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
      body: JSON.stringify({ query: 'query SubgraphSdl { _service { sdl } }' }),
      signal: AbortSignal.timeout(timeoutMs),
      // A redirect is not followed: its target was never checked against the routing hosts (a
      // partner's URL could send the gateway to a metadata address or any host of its network).
      redirect: 'manual',
      ...(dispatcher ? { dispatcher } : {}),
    });
    if (response.status >= 300 && response.status < 400) {
      throw new Error(`${url} answered HTTP ${response.status}, a redirect, which the gateway does not follow: publish the URL the subgraph answers at`);
    }
    if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
    let body: { data?: { _service?: { sdl?: string } } };
    try {
      body = (await response.json()) as typeof body;
    } catch {
      // Not the parser's message: it quotes the first bytes of the body, which would hand a
      // partner the start of whatever answers at an address of the gateway's network.
      throw new Error(`${url} did not answer a JSON GraphQL response`);
    }
    const sdl = body.data?._service?.sdl;
    if (!sdl) throw new Error(`${url} returned no SDL`);
    return sdl;
  } finally {
    await dispatcher?.destroy();
  }
}

/** Composes a Federation 2 supergraph in-process (@apollo/composition; no external binary). */
export function composeSupergraph(sources: SubgraphSource[]): string {
  const result = composeServices(sources.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors) throw new CompositionError(result.errors.map((e) => e.message));
  // The public contract is derived from every supergraph served: one that leaves it invalid is refused here.
  const contract = hasPublicTags(result.supergraphSdl) ? deriveContract(result.supergraphSdl).problems : [];
  if (contract.length > 0) throw new CompositionError(contract.map((p) => `public contract: ${p}`));
  return result.supergraphSdl;
}
