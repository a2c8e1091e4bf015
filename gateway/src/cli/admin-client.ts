import { type CheckProblem, type PublicationResult } from '@ecosystem/registry';
import { loadRegistryCliConfig } from './registry-cli-env';

/** Thrown for an HTTP error of the admin API (other than a refused publication). */
export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AdminApiError';
  }
}

export interface AdminClientOptions {
  gateway?: string | undefined;
  token?: string | undefined;
}

/** A small client of the gateway's `/admin` API (what the `subgraph` and `supergraph` CLIs use). */
export class AdminClient {
  /** The gateway this client talks to (its base URL, without `/admin`). */
  readonly base: string;
  private readonly token: string | undefined;

  constructor(options: AdminClientOptions = {}) {
    const config = loadRegistryCliConfig();
    this.base = (options.gateway ?? config.GATEWAY_URL).replace(/\/+$/, '');
    this.token = options.token ?? config.GATEWAY_TOKEN;
  }

  /** Sends a request; 200/201/204 and 422 (a refused publication, with its report) are answers. */
  async request<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let response: Response;
    try {
      response = await fetch(`${this.base}/admin${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (error) {
      // fetch says only "fetch failed": name the gateway and how to point at another one.
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new Error(
        `no answer from the gateway at ${this.base} (${cause?.code ?? cause?.message ?? (error as Error).message}): is it running (npm start)? Otherwise set GATEWAY_URL, or PORT as for npm start, or pass --gateway`,
      );
    }
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    const parsed = (type.includes('json') && text ? JSON.parse(text) : text) as T & { error?: { code: string; message: string } };
    if (!response.ok && response.status !== 422) {
      const error = (parsed as { error?: { code: string; message: string } }).error;
      throw new AdminApiError(response.status, error?.code ?? `HTTP_${response.status}`, error?.message ?? String(text));
    }
    return { status: response.status, body: parsed };
  }
}

function locate(problem: CheckProblem): string {
  const parts: string[] = [];
  if (problem.subgraph) parts.push(`subgraph ${problem.subgraph}`);
  if (problem.type) parts.push(problem.field ? `${problem.type}.${problem.field}` : problem.type);
  if (problem.operation) parts.push(`operation ${problem.operation}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** A publication report as a partner reads it in a terminal or a CI log. */
export function formatResult(action: string, result: PublicationResult): string {
  const lines: string[] = [];
  const { report } = result;
  const accepted = result.outcome === 'ACCEPTED';
  const verb = result.dryRun ? (accepted ? 'CHECK PASSED' : 'CHECK FAILED') : accepted ? 'ACCEPTED' : 'REFUSED';
  let head = `${accepted ? '✓' : '✗'} ${verb}: ${action} ${result.subgraph ?? ''}`.trimEnd();
  if (result.subgraphVersion) head += ` -> version ${result.subgraphVersion}`;
  if (result.supergraphVersion) head += `, supergraph version ${result.supergraphVersion} now serving`;
  if (result.forced) head += ' (forced by an admin)';
  lines.push(head);
  if (report.problems.length > 0) {
    lines.push(`${report.problems.length} problem(s):`);
    for (const problem of report.problems) {
      lines.push(`  [${problem.check}] ${problem.code ?? ''}${locate(problem)}`);
      lines.push(`      ${problem.message}`);
    }
  }
  if (report.changes.length > 0) {
    lines.push('Changes to the API schema against the serving supergraph:');
    for (const change of report.changes) lines.push(`  - ${change.type}: ${change.description}`);
  }
  lines.push(`Recorded client operations checked: ${report.operationsChecked}.`);
  if (!accepted && !result.dryRun) lines.push('Nothing was changed: the gateway still serves the previous supergraph.');
  return lines.join('\n');
}
