import { type Request, type Response } from 'express';
import { DateTimeScalar, upperBound } from '../scalars/scalars';
import { REQUEST_ID_HEADER } from './request-id';

/**
 * The one error body of the HTTP routes beside /graphql (standard exports): `{"error":{"code",
 * "message","field"?,"requestId"?}}`, with the same stable codes as GraphQL's `extensions.code`.
 * The request id is the one the route answers in `x-request-id` (set before the error is sent),
 * so a client can quote either.
 */
export function sendHttpError(res: Response, status: number, code: string, message: string, field?: string): void {
  res.status(status).type('application/json').send(httpErrorBody(code, message, field, res.getHeader(REQUEST_ID_HEADER)));
}

/** The text of that error body, for a server that sends it its own way. */
export function httpErrorBody(code: string, message: string, field?: string, requestId?: unknown): string {
  return JSON.stringify({ error: { code, message, ...(field ? { field } : {}), ...(typeof requestId === 'string' ? { requestId } : {}) } });
}

/** A bad query parameter: answered 400 BAD_USER_INPUT with the parameter as `field`. */
export class BadQueryParameterError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

/**
 * A `from`/`to` window from the query string, read as GraphQL reads a DateTime (the shared
 * scalar: ISO 8601 with offset, or a plain day in Europe/Paris, impossible days refused); `to` as
 * an exclusive upper bound (a plain day takes the whole day). `from` after `to` is refused.
 */
export function dateWindowParams(req: Request, fromName = 'from', toName = 'to'): { from?: Date; to?: Date } {
  const read = (name: string): Date | undefined => {
    const raw = req.query[name];
    if (raw === undefined || raw === '') return undefined;
    try {
      if (typeof raw !== 'string') throw new Error('not a string');
      return DateTimeScalar.parseValue(raw) as Date;
    } catch {
      throw new BadQueryParameterError(`"${name}" must be an ISO 8601 date-time with offset or a calendar day (YYYY-MM-DD) that exists`, name);
    }
  };
  const from = read(fromName);
  const to = upperBound(read(toName));
  if (from && to && from > to) throw new BadQueryParameterError(`${fromName} must not be after ${toName}`, fromName);
  return { from, to };
}
