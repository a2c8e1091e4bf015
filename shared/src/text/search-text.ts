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

/** Longest stored search term: longer words are cut, and so are the query words matched against them. */
export const SEARCH_TERM_LENGTH = 64;

/**
 * The distinct words of the folded text (see foldForSearch), each cut to SEARCH_TERM_LENGTH: the
 * rows of a word index such as `organization_search_term`, and the words of a query against it.
 */
export function searchWords(...parts: (string | null | undefined)[]): string[] {
  const folded = foldForSearch(...parts);
  return [...new Set(folded.split(' ').filter(Boolean).map((word) => word.slice(0, SEARCH_TERM_LENGTH)))];
}

/**
 * The escape character of prefixPattern. Not `\`: SQLite (sql.js) has no default escape character
 * and MySQL reads `'\'` as an unterminated string unless NO_BACKSLASH_ESCAPES is set, so the same
 * `ESCAPE '\'` cannot run on both; `!` can. Write `column LIKE :pattern ESCAPE '!'`.
 */
export const PREFIX_LIKE_ESCAPE = '!';

/** A LIKE pattern for the values that start with `word` (its LIKE wildcards and `!` escaped): use with ESCAPE '!'. */
export function prefixPattern(word: string): string {
  return `${word.replace(/[!%_]/g, (c) => `${PREFIX_LIKE_ESCAPE}${c}`)}%`;
}
