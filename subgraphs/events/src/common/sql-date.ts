/**
 * A UTC instant as the SQL literal both drivers compare correctly with a DATETIME column
 * (`YYYY-MM-DD HH:MM:SS.mmm`): MySQL converts it, and TypeORM stores sqlite datetimes in this form.
 */
export function sqlDateTime(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}
