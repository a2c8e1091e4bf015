import {
  type GraphQLInputType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';

/** A problem with one input value, at its dotted path (`input.title`, `datasetId`, `input.steps.0.moduleId`). */
export interface InputProblem {
  field: string;
  message: string;
}

/** C0 controls but tab, line feed and carriage return; DEL; C1 controls; the Unicode line/paragraph separators. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029]/;
/**
 * Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): invisible, they
 * reorder what a reviewer reads (a purpose or a file name displayed backwards, "Trojan Source").
 * The implicit marks (U+200E/U+200F) that right-to-left text needs stay allowed.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;
/**
 * What is wrong with free text that holds characters a reader does not see (control characters,
 * bidirectional overrides), or undefined: the rule of every GraphQL String argument, shared with the
 * other inputs that store text (the registry's admin API).
 */
export function hiddenCharacterProblem(text: string): string | undefined {
  if (CONTROL_CHARACTERS.test(text)) return 'must not contain control characters';
  if (BIDI_CONTROLS.test(text)) return 'must not contain bidirectional override or isolate characters (U+202A-U+202E, U+2066-U+2069)';
  return undefined;
}
/** Every id of the graph is a UUID (v7 for new rows, v5 for demo rows; see `newId`/`demoId`). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BIGINT_MIN = -(2n ** 63n);
const BIGINT_MAX = 2n ** 63n - 1n;

function unwrap(type: GraphQLInputType): GraphQLInputType {
  return isNonNullType(type) ? type.ofType : type;
}

/**
 * The rules every argument of every subgraph obeys, driven by its GraphQL type so that a new
 * argument is covered without a decorator: a String or ID holding control characters or
 * bidirectional overrides is refused;
 * in a mutation (`blankAllowed` false), one that is empty or blank is refused too, and strings
 * inside input objects are trimmed in place, which is what the resolver then sees (a query's
 * empty search text stays a query for everything); an ID must be exactly a UUID (no padding,
 * visible or not), before any SQL; a BigInt must fit a signed 64-bit
 * column. Lengths and formats particular to a field stay with class-validator on the input class.
 *
 * `value` is what type-graphql passes the resolver (an input class instance, an array, a scalar).
 */
export function inputHygieneProblems(
  value: unknown,
  type: GraphQLInputType,
  path: string,
  options: { blankAllowed: boolean },
  assign?: (trimmed: string) => void,
): InputProblem[] {
  const problems: InputProblem[] = [];
  const visit = (current: unknown, currentType: GraphQLInputType, at: string, assign?: (trimmed: string) => void): void => {
    if (current === null || current === undefined) return;
    const inner = unwrap(currentType);
    if (isListType(inner)) {
      if (!Array.isArray(current)) return visit(current, inner.ofType, at, assign);
      current.forEach((item, index) =>
        visit(item, inner.ofType, `${at}.${index}`, (trimmed) => {
          current[index] = trimmed;
        }),
      );
      return;
    }
    if (isInputObjectType(inner)) {
      if (typeof current !== 'object') return;
      const record = current as Record<string, unknown>;
      for (const [name, field] of Object.entries(inner.getFields())) {
        visit(record[name], field.type, at ? `${at}.${name}` : name, (trimmed) => {
          record[name] = trimmed;
        });
      }
      return;
    }
    if (!isScalarType(inner)) return;
    if (inner.name === 'BigInt') {
      const big = typeof current === 'bigint' ? current : typeof current === 'number' ? BigInt(current) : undefined;
      if (big !== undefined && (big < BIGINT_MIN || big > BIGINT_MAX)) {
        problems.push({ field: at, message: 'must be between -2^63 and 2^63-1' });
      }
      return;
    }
    if ((inner.name !== 'String' && inner.name !== 'ID') || typeof current !== 'string') return;
    const hidden = hiddenCharacterProblem(current);
    if (hidden) {
      problems.push({ field: at, message: hidden });
      return;
    }
    const trimmed = options.blankAllowed ? current : current.trim();
    if (trimmed === '' && !options.blankAllowed) {
      problems.push({ field: at, message: 'must not be empty or blank' });
      return;
    }
    // The id as sent, not trimmed: String.prototype.trim also strips U+FEFF and the Unicode spaces,
    // so a padded id would pass here and then match no row (a top-level argument is not rewritten).
    if (inner.name === 'ID' && !UUID.test(current)) {
      problems.push({ field: at, message: 'must be an id (a UUID)' });
      return;
    }
    if (trimmed !== current) assign?.(trimmed);
  };
  visit(value, type, path, assign);
  return problems;
}
