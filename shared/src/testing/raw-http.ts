import { type IncomingHttpHeaders, request as httpRequest } from 'node:http';

/** What the project's HTTP error and GraphQL answers hold, as a test reads them. */
export interface RawJsonBody {
  error?: Record<string, unknown>;
  errors?: { message: string; extensions: Record<string, unknown> }[];
  data?: unknown;
  requestId?: string;
  [key: string]: unknown;
}

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body as received. */
  text: string;
  /** The body read as JSON; `{}` when it is empty or not JSON (what the project never answers: the assertions on the body say so). */
  body: RawJsonBody;
}

export interface RawRequest {
  method: string;
  /** Sent as written: a path that is no URL (`/%zz`) reaches the server as such. */
  path: string;
  /**
   * Sent as written: a `host` here replaces node:http's own (an empty one included); a
   * `content-length` here is sent instead of the body's.
   */
  headers?: Record<string, string>;
  body?: string | Buffer | undefined;
  /**
   * A Content-Length announced for a body that is not sent: the server must answer from the headers
   * alone (the request is cut once the answer has come).
   */
  declaredLength?: number | undefined;
}

/**
 * One HTTP/1.1 request over node:http to `origin` (`http://127.0.0.1:<port>`), for tests of what a
 * server answers to malformed requests that fetch would refuse to send or would correct. The body's
 * length is always said (node:http sends a DELETE's body without one).
 */
export function sendRaw(origin: string, request: RawRequest): Promise<RawAnswer> {
  const { hostname, port } = new URL(origin);
  const headers: Record<string, string> = { ...request.headers };
  const names = Object.keys(headers).map((name) => name.toLowerCase());
  const length = request.declaredLength ?? (request.body === undefined ? undefined : Buffer.byteLength(request.body));
  if (length !== undefined && !names.includes('content-length')) headers['content-length'] = String(length);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname.replace(/^\[(.*)\]$/, '$1'), port, method: request.method, path: request.path, setHost: !names.includes('host'), headers });
    req.on('response', (res) => {
      if (request.declaredLength !== undefined) res.on('end', () => req.destroy());
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        let body: RawJsonBody = {};
        try {
          body = text ? (JSON.parse(text) as RawJsonBody) : {};
        } catch {
          // Not JSON: `text` holds it.
        }
        resolve({ status: res.statusCode!, headers: res.headers, text, body });
      });
    });
    req.on('error', reject);
    if (request.declaredLength === undefined) req.end(request.body);
    else req.write(request.body ?? '');
  });
}
