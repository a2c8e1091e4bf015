/** True when the database refused a write because of a UNIQUE index (MySQL/MariaDB or SQLite). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; errno?: number; message?: string; driverError?: { code?: string } };
  return (
    e?.code === 'ER_DUP_ENTRY' ||
    e?.driverError?.code === 'ER_DUP_ENTRY' ||
    e?.errno === 1062 ||
    /UNIQUE constraint failed/i.test(e?.message ?? '')
  );
}
