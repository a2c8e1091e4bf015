import '@ecosystem/shared/dist/bootstrap';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type PublicationResult } from '@ecosystem/registry';
import { AdminApiError, AdminClient, formatResult } from './admin-client';

const USAGE = `Usage: npm run subgraph -- <command> [options]

  publish --name <name> --url <routing url> [--schema <file.graphql>] [--owner-org <id>] [--force]
      Runs the checks, then makes the subgraph part of the serving supergraph (no restart).
      Without --schema, publishes the SDL the subgraph serves at --url.
  check   --name <name> --url <routing url> [--schema <file.graphql>]
      Runs the same checks and changes nothing (for CI). Exit code 1 when a check fails.
  remove  --name <name> [--force]
  list
  versions --name <name>
  log [--name <name>] [--limit <n>]
  grant   --label <who> --subgraphs <name,name> [--owner-org <id>]     (admin) prints a partner API key once
  revoke  --id <credential id>                                          (admin)

Common options: --gateway <url> (GATEWAY_URL; default http://localhost:<PORT>, PORT 4000,
                as npm start),
                --token <admin JWT or partner key> (GATEWAY_TOKEN), --json (machine-readable output)`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      url: { type: 'string' },
      schema: { type: 'string' },
      'owner-org': { type: 'string' },
      force: { type: 'boolean', default: false },
      label: { type: 'string' },
      subgraphs: { type: 'string' },
      id: { type: 'string' },
      limit: { type: 'string' },
      gateway: { type: 'string' },
      token: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const command = positionals[0];
  if (!command || values.help) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const client = new AdminClient({ gateway: values.gateway, token: values.token });
  // stderr, so that --json output stays machine-readable.
  process.stderr.write(`gateway: ${client.base}\n`);
  const print = (human: string, data: unknown): void => {
    process.stdout.write(`${values.json ? JSON.stringify(data, null, 2) : human}\n`);
  };
  const need = (value: string | undefined, option: string): string => {
    if (!value) throw new UsageError(`--${option} is required for ${command}`);
    return value;
  };

  switch (command) {
    case 'publish':
    case 'check': {
      const name = need(values.name, 'name');
      const body = {
        url: need(values.url, 'url'),
        ...(values.schema ? { sdl: readFileSync(values.schema, 'utf8') } : {}),
        ...(values['owner-org'] ? { ownerOrg: values['owner-org'] } : {}),
        force: values.force,
      };
      const { body: result } = await client.request<PublicationResult>('POST', `/subgraphs/${encodeURIComponent(name)}/${command}`, body);
      print(formatResult(command, result), result);
      return result.outcome === 'ACCEPTED' ? 0 : 1;
    }
    case 'remove': {
      const name = need(values.name, 'name');
      const { body: result } = await client.request<PublicationResult>('DELETE', `/subgraphs/${encodeURIComponent(name)}${values.force ? '?force=true' : ''}`);
      print(formatResult('remove', result), result);
      return result.outcome === 'ACCEPTED' ? 0 : 1;
    }
    case 'list': {
      const { body } = await client.request<{ subgraphs: { name: string; kind: string; status: string; version: number | null; url: string }[] }>('GET', '/subgraphs');
      print(body.subgraphs.map((s) => `${s.name.padEnd(24)} ${s.kind.padEnd(8)} ${s.status.padEnd(8)} ${String(s.version ?? '-').padEnd(4)} ${s.url}`).join('\n'), body);
      return 0;
    }
    case 'versions': {
      const name = need(values.name, 'name');
      const { body } = await client.request<{ versions: { version: number; routingUrl: string; publishedBy: string; publishedAt: string }[] }>('GET', `/subgraphs/${encodeURIComponent(name)}/versions`);
      print(body.versions.map((v) => `${String(v.version).padEnd(4)} ${v.publishedAt} ${v.publishedBy} ${v.routingUrl}`).join('\n'), body);
      return 0;
    }
    case 'log': {
      const query = new URLSearchParams({ limit: values.limit ?? '20', ...(values.name ? { subgraph: values.name } : {}) });
      const { body } = await client.request<{ publications: { id: number; action: string; subgraphName: string | null; outcome: string; actor: string; createdAt: string; supergraphVersion: number | null; forced: boolean }[] }>('GET', `/publications?${query.toString()}`);
      print(
        body.publications
          .map((p) => `${p.createdAt} ${p.action.padEnd(8)} ${(p.subgraphName ?? '-').padEnd(20)} ${p.outcome.padEnd(8)}${p.forced ? ' forced' : ''} ${p.supergraphVersion ? `-> v${p.supergraphVersion}` : ''} by ${p.actor}`)
          .join('\n'),
        body,
      );
      return 0;
    }
    case 'grant': {
      const subgraphs = need(values.subgraphs, 'subgraphs').split(',').map((s) => s.trim()).filter(Boolean);
      const { body } = await client.request<{ id: string; key: string }>('POST', '/credentials', {
        label: need(values.label, 'label'),
        subgraphs,
        ...(values['owner-org'] ? { ownerOrg: values['owner-org'] } : {}),
      });
      print(`Partner API key (shown once; stored hashed) for ${subgraphs.join(', ')}:\n${body.key}\ncredential id: ${body.id}`, body);
      return 0;
    }
    case 'revoke': {
      await client.request('DELETE', `/credentials/${encodeURIComponent(need(values.id, 'id'))}`);
      print('revoked', { revoked: values.id });
      return 0;
    }
    default:
      throw new UsageError(`Unknown command "${command}"`);
  }
}

class UsageError extends Error {}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}\n`);
      process.exit(2);
    }
    if (error instanceof AdminApiError) {
      process.stderr.write(`✗ ${error.code} (HTTP ${error.status}): ${error.message}\n`);
      process.exit(1);
    }
    process.stderr.write(`✗ ${(error as Error).message}\n`);
    process.exit(1);
  });
