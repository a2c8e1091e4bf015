import { z } from 'zod';

/**
 * Thrown at start-up when the environment does not describe a runnable process. Each issue is one line
 * that names the setting, says what is wrong with it and, when it is not obvious, what to do; the
 * process prints the issues without a stack trace (`exitOnStartFailure`).
 */
export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(
      issues.length === 1
        ? `Invalid configuration: ${issues[0]}`
        : `Invalid configuration:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment once, at start-up, and fails fast with one line per problem.
 * This is the only place in the code base that reads `process.env` (lint: no-restricted-properties).
 */
export function parseEnv<TSchema extends z.ZodType>(
  schema: TSchema,
  env: Record<string, string | undefined> = process.env,  
): z.infer<TSchema> {
  // Empty strings mean "unset": `FOO= npm start` must behave like not setting FOO.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  return result.data;
}

/** `true/false/1/0/yes/no` from the environment. */
export const envBoolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** A comma-separated list from the environment (`a, b,c`); empty items dropped. */
export const envList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== ''),
  );

/** Development-only secrets: refused when NODE_ENV=production (see `assertProductionSecrets`). */
export const DEV_USER_JWT_SECRET = 'dev-only-user-jwt-secret-change-me-0123456789';
export const DEV_INTERNAL_JWT_SECRET = 'dev-only-internal-jwt-secret-change-me-012345';

/** Settings every process (gateway and subgraphs) shares. */
export const commonEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Secret with which the gateway signs the per-subgraph identity token (HS256, >= 32 chars). */
  INTERNAL_JWT_SECRET: z.string().min(32).default(DEV_INTERNAL_JWT_SECRET),
});

/** Settings of a process that owns a database. */
export const databaseEnvSchema = z.object({
  /** `mysql://user:pass@host:port`; unset means the embedded sql.js database under DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^mysql:\/\//, 'must be a mysql:// URL (MySQL or MariaDB)')
    .optional(),
  /** Prefix of the per-process database name (`<prefix>_members` ...). */
  DB_PREFIX: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, 'lower-case letters, digits and _ only')
    .default('ecosystem'),
  /** Where the embedded database files live. */
  DATA_DIR: z.string().default('./.data'),
  /** Connections in the MySQL pool of this process. */
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Seed demo data when the database is empty. */
  DEMO_SEED: envBoolean.default(true),
});

export function assertProductionSecrets(env: {
  NODE_ENV: string;
  INTERNAL_JWT_SECRET: string;
  JWT_SECRET?: string;
}): void {
  if (env.NODE_ENV !== 'production') return;
  const issues: string[] = [];
  if (env.INTERNAL_JWT_SECRET === DEV_INTERNAL_JWT_SECRET) {
    issues.push('INTERNAL_JWT_SECRET: the development default must not be used in production');
  }
  if (env.JWT_SECRET === DEV_USER_JWT_SECRET) {
    issues.push('JWT_SECRET: the development default must not be used in production');
  }
  if (issues.length > 0) throw new ConfigError(issues);
}
