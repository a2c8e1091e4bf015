import Negotiator from 'negotiator';
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

const RANGE = String.raw`(?:\*|[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)`;
/** RFC 9110 §12.4.2: 0 to 1 with at most three decimals (`1.5` is not a q-value). */
const WEIGHT = String.raw`(?:\s*;\s*[qQ]=(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?))`;
const ELEMENT = `(?:${RANGE}${WEIGHT}?)?`;
/**
 * A list of language ranges with optional q-values (RFC 9110 §12.5.4), nothing else. Empty list
 * elements (`, ,en`) are allowed, as RFC 9110 §5.6.1 says a recipient must accept them.
 */
const ACCEPT_LANGUAGE = new RegExp(`^\\s*${ELEMENT}(?:\\s*,\\s*${ELEMENT})*\\s*$`);

/** The languages labels exist in, as Accept-Language tags, in the order of preference on a tie. */
const SUPPORTED: Readonly<Record<string, Language>> = { fr: Language.FR, en: Language.EN };

/**
 * Whether a header is a well-formed Accept-Language of a sane length. A header that is not is
 * ignored (as if absent): it is only a preference, and it is forwarded and part of cache keys.
 */
export function isAcceptLanguage(header: string | null | undefined): header is string {
  return typeof header === 'string' && header.length > 0 && header.length <= ACCEPT_LANGUAGE_MAX_LENGTH && ACCEPT_LANGUAGE.test(header);
}

/**
 * The caller's language from an Accept-Language header: the first supported language in the
 * caller's order of preference (q-values honoured, ranked by `negotiator`, the parser express's
 * `req.acceptsLanguages` uses), French when none is supported, no header or a header that is not
 * a well-formed language list (see isAcceptLanguage).
 */
export function languageFromHeader(header: string | null | undefined): Language {
  if (!isAcceptLanguage(header)) return DEFAULT_LANGUAGE;
  const [best] = new Negotiator({ headers: { 'accept-language': header } }).languages(Object.keys(SUPPORTED));
  return (best === undefined ? undefined : SUPPORTED[best.toLowerCase()]) ?? DEFAULT_LANGUAGE;
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
