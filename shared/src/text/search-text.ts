/**
 * Folded form for search: lower case, accents removed, punctuation to spaces. Stored beside the
 * searchable columns so that "telecom" finds "Télécom Paris" on MySQL and the embedded database alike.
 */
export function foldForSearch(...parts: (string | null | undefined)[]): string {
  return parts
    .filter((part): part is string => Boolean(part))
    .join(' ')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** A LIKE pattern for a folded search term, with LIKE wildcards escaped. */
export function likePattern(text: string): string {
  return `%${foldForSearch(text).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
