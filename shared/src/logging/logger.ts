import { pino, type Logger } from 'pino';

export type { Logger };

/** Bytes of log lines gathered before they are written (a write sooner when the flush interval ends). */
const BUFFER_BYTES = 4096;
/** Longest a log line waits in the buffer. */
const FLUSH_INTERVAL_MS = 100;

/**
 * JSON logs on stdout, one line per event; `service` names the process. Lines are gathered and
 * written together (at 4 KiB, or FLUSH_INTERVAL_MS after the first line waiting): a write per line, at one
 * request log line per request, was a measurable share of the gateway's and the subgraphs' CPU
 * (docs/performance.md). What is pending is written synchronously when the process exits
 * (process.exit, an uncaught exception, the end of the event loop: pino's exit handler); only a
 * process killed outright (SIGKILL) loses its last FLUSH_INTERVAL_MS of lines.
 */
export function createLogger(service: string, level = 'info'): Logger {
  const options = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  // A silent logger writes nothing: no destination (tests create many).
  if (level === 'silent') return pino(options);
  const destination = pino.destination({ dest: 1, sync: false, minLength: BUFFER_BYTES });
  // A flush while a write is under way does nothing, so the timer runs once more after the last
  // lines it saw: lines left behind by a skipped flush are written by the next one.
  let timer: NodeJS.Timeout | undefined;
  let linesSinceFlush = 0;
  const flush = (): void => {
    const more = linesSinceFlush > 0;
    linesSinceFlush = 0;
    try {
      destination.flush();
    } catch {
      // destroyed (the process is ending): pino's exit handler wrote what was pending
    }
    timer = more ? setTimeout(flush, FLUSH_INTERVAL_MS).unref() : undefined;
  };
  return pino(
    {
      ...options,
      hooks: {
        streamWrite: (line: string) => {
          linesSinceFlush += 1;
          timer ??= setTimeout(flush, FLUSH_INTERVAL_MS).unref();
          return line;
        },
      },
    },
    destination,
  );
}
