import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON logs on stdout, one line per event; `service` names the process. */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
}
