import '@ecosystem/shared/dist/bootstrap';
import { parseArgs } from 'node:util';
import { AdminApiError, AdminClient } from './admin-client';

const USAGE = `Usage: npm run supergraph -- <command> [options]

  history [--limit <n>]          accepted supergraphs, newest first (* = serving)
  rollback --version <n>         serve version <n> again, without restart (admin)
  sdl --version <n>              print an accepted supergraph

Common options: --gateway <url> (GATEWAY_URL; default http://localhost:<PORT>, as npm start), --token <admin JWT> (GATEWAY_TOKEN), --json`;

interface HistoryRow {
  version: number;
  hash: string;
  reason: string;
  createdBy: string;
  createdAt: string;
  subgraphs: string[];
  serving: boolean;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      version: { type: 'string' },
      limit: { type: 'string' },
      gateway: { type: 'string' },
      token: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const command = positionals[0];
  const client = new AdminClient({ gateway: values.gateway, token: values.token });
  // stderr, so that --json output stays machine-readable.
  process.stderr.write(`gateway: ${client.base}\n`);
  const version = values.version ?? positionals[1];
  switch (command) {
    case 'history': {
      const { body } = await client.request<{ supergraphs: HistoryRow[] }>('GET', `/supergraphs?limit=${values.limit ?? '20'}`);
      const text = body.supergraphs
        .map((s) => `${s.serving ? '*' : ' '} v${String(s.version).padEnd(4)} ${s.createdAt} ${s.reason.padEnd(28)} by ${s.createdBy.padEnd(20)} ${s.hash.slice(0, 12)} [${s.subgraphs.join(', ')}]`)
        .join('\n');
      process.stdout.write(`${values.json ? JSON.stringify(body, null, 2) : text}\n`);
      return 0;
    }
    case 'rollback': {
      if (!version) throw new Error('--version is required');
      const { body } = await client.request<{ supergraphVersion: number; restored: number }>('POST', `/supergraphs/${encodeURIComponent(version)}/rollback`);
      process.stdout.write(values.json ? `${JSON.stringify(body)}\n` : `✓ rolled back: the supergraph of version ${body.restored} is serving again, as version ${body.supergraphVersion}\n`);
      return 0;
    }
    case 'sdl': {
      if (!version) throw new Error('--version is required');
      const { body } = await client.request<string>('GET', `/supergraphs/${encodeURIComponent(version)}/sdl`);
      process.stdout.write(body);
      return 0;
    }
    default:
      process.stderr.write(`${USAGE}\n`);
      return 2;
  }
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    const prefix = error instanceof AdminApiError ? `${error.code} (HTTP ${error.status}): ` : '';
    process.stderr.write(`✗ ${prefix}${(error as Error).message}\n`);
    process.exit(1);
  });
