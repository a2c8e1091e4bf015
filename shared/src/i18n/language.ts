import { registerEnumType } from 'type-graphql';

/** The languages labels are written in. Content is French first; French is the default. */
export enum Language {
  FR = 'FR',
  EN = 'EN',
}

registerEnumType(Language, {
  name: 'Language',
  description: 'Language of the labels people read (facet values, enum values). French when not given.',
  valuesConfig: {
    FR: { description: 'French (the default).' },
    EN: { description: 'English.' },
  },
});

export const DEFAULT_LANGUAGE = Language.FR;

/** Longest Accept-Language read; browsers send well under 100 characters. */
export const ACCEPT_LANGUAGE_MAX_LENGTH = 256;

/** A list of language ranges with optional q-values (RFC 9110 §12.5.4), nothing else. */
const ACCEPT_LANGUAGE = /^\s*(?:\*|[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)(?:\s*;\s*q\s*=\s*[01](?:\.\d{0,3})?)?(?:\s*,\s*(?:\*|[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)(?:\s*;\s*q\s*=\s*[01](?:\.\d{0,3})?)?)*\s*$/;

/**
 * Whether a header is a well-formed Accept-Language of a sane length. A header that is not is
 * ignored (as if absent): it is only a preference, and it is forwarded and part of cache keys.
 */
export function isAcceptLanguage(header: string | null | undefined): header is string {
  return typeof header === 'string' && header.length > 0 && header.length <= ACCEPT_LANGUAGE_MAX_LENGTH && ACCEPT_LANGUAGE.test(header);
}

/**
 * The caller's language from an Accept-Language header: the first supported language in the
 * caller's order of preference (q-values honoured), French when none is supported, no header or
 * a header that is not a well-formed language list (see isAcceptLanguage).
 */
export function languageFromHeader(header: string | null | undefined): Language {
  if (!isAcceptLanguage(header)) return DEFAULT_LANGUAGE;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { primary: tag.trim().toLowerCase().split('-')[0], weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((entry) => entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { primary } of ranked) {
    if (primary === 'fr') return Language.FR;
    if (primary === 'en') return Language.EN;
  }
  return DEFAULT_LANGUAGE;
}

/** A label in each language. */
export interface Label {
  fr: string;
  en: string;
}

/** Labels of an enum's values (or of any closed set of codes), by value. */
export type Labels<T extends string = string> = Readonly<Record<T, Label>>;

/** The label of a value in a language; the value itself when it has no label (an unknown code). */
export function labelOf(labels: Readonly<Partial<Record<string, Label>>>, value: string, language: Language): string {
  const label = labels[value];
  if (!label) return value;
  return language === Language.EN ? label.en : label.fr;
}

/** The language to answer in: the explicit argument, else the request's (Accept-Language), else French. */
export function languageOf(argument: Language | null | undefined, context: { language?: Language } | null | undefined): Language {
  return argument ?? context?.language ?? DEFAULT_LANGUAGE;
}
