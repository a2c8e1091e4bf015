import { Arg, type ClassType, Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { type BaseContext } from '../context/request-context';
import { Language, languageOf } from '../i18n/language';

/**
 * Facets work as in every search engine (disjunctive facets):
 * - values selected within one field are OR'ed, fields are AND'ed;
 * - each facet's counts apply every OTHER field's selection but not the facet's own, so the
 *   values not yet selected stay visible with the number of results they would add.
 * A facet and the filter field it counts for have the same name.
 */
export interface FacetCount<T extends string = string> {
  value: T;
  count: number;
}

/**
 * The filter a facet is counted under: the filter without the facet's own selection (the keys
 * given, set to null). The filter itself is not changed.
 */
export function withoutSelection<F extends object>(filter: F | null | undefined, ...keys: (keyof F)[]): F {
  const copy = { ...(filter ?? {}) } as F;
  for (const key of keys) (copy as Record<keyof F, unknown>)[key] = null;
  return copy;
}

/**
 * The counts with every selected value listed, at count 0 when nothing matches it any more (as
 * search engines do): a UI can always untick what is ticked. Every value, ticked or not, is in the
 * facet's own `order` (by count by default, so values added at 0 come after those with counts; by
 * year for years), never in the order selected. `same` compares a counted value with a selected one
 * (exact by default; a field that ignores case and accents compares folded).
 */
export function withSelected(
  counts: FacetCount[],
  selected: readonly (string | number)[] | null | undefined,
  order: (a: FacetCount, b: FacetCount) => number = byCountThenValue,
  same: (counted: string, chosen: string) => boolean = (counted, chosen) => counted === chosen,
): FacetCount[] {
  const missing = [...new Set((selected ?? []).map(String))].filter((chosen) => !counts.some((c) => same(c.value, chosen)));
  return [...counts, ...missing.map((value) => ({ value, count: 0 }))].sort(order);
}

/** Most frequent first, then by value (a stable order for equal counts). */
export function byCountThenValue(a: FacetCount, b: FacetCount): number {
  return b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
}

/** By value, numbers as numbers (years), whatever the counts. */
export function byValue(a: FacetCount, b: FacetCount): number {
  return a.value.localeCompare(b.value, 'en', { numeric: true });
}

/** In a fixed order of values (an ordinal enum such as levels); unknown values last. */
export function inValueOrder(order: readonly string[]): (a: FacetCount, b: FacetCount) => number {
  const rank = (value: string): number => {
    const index = order.indexOf(value);
    return index < 0 ? order.length : index;
  };
  return (a, b) => rank(a.value) - rank(b.value) || byCountThenValue(a, b);
}

/** How a facet type labels its values: a label per value in a language (may look names up). */
export type FacetLabeller<TContext extends BaseContext = BaseContext> = (
  value: string,
  language: Language,
  context: TContext,
) => string | Promise<string>;

export interface FacetTypeOptions<TContext extends BaseContext> {
  /** GraphQL type of `value` (an enum, String or ID). */
  value: () => unknown;
  /** What the value is, e.g. 'The organisation kind.' */
  valueDescription: string;
  /** What is counted, e.g. 'Organisations matching every other selected field.' */
  countDescription: string;
  /**
   * The label of a value in a language; null when this subgraph has no name for the value (an
   * organisation id: its name is the members subgraph's, reached through a field of the facet).
   */
  label: FacetLabeller<TContext> | null;
}

/**
 * One facet value type, `<name> { value label(lang) count }`, and the resolver of its label (add
 * it to the subgraph's resolvers). Every facet of every subgraph has this shape.
 */
export function facetType<TContext extends BaseContext>(name: string, description: string, options: FacetTypeOptions<TContext>) {
  @ObjectType(name, { description })
  class FacetValueClass implements FacetCount {
    @Field(options.value as Parameters<typeof Field>[0] & (() => unknown), { description: options.valueDescription })
    value!: string;

    @Field(() => Int, { description: options.countDescription })
    count!: number;
  }

  @Resolver(() => FacetValueClass)
  class FacetLabelResolver {
    @FieldResolver(() => String, {
      nullable: options.label === null,
      description:
        options.label === null
          ? 'Always null: the value is an id whose name another subgraph owns; read it through this facet\u2019s entity field (`organization`, `ecosystem`).'
          : 'The value as people read it, in `lang`, else the Accept-Language of the request, else French.',
    })
    label(
      @Root() facet: FacetCount,
      @Arg('lang', () => Language, { nullable: true, description: 'Language of the label.' }) lang: Language | null,
      @Ctx() context: TContext,
    ): string | Promise<string> | null {
      return options.label ? options.label(facet.value, languageOf(lang, context), context) : null;
    }
  }

  return { type: FacetValueClass as ClassType<FacetCount>, resolver: FacetLabelResolver as ClassType };
}

/** Labels for values that have none of their own (years, codes): the value itself. */
export function valueAsLabel(value: string): string {
  return value;
}
