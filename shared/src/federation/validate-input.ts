import { validate } from 'class-validator';
import { type ResolverData } from 'type-graphql';
import { BadUserInputError } from '../errors/app-error';
import { flattenValidationErrors, type ValidationErrorLike } from '../errors/format-error';

const isObject = (value: unknown): value is object => value !== null && typeof value === 'object';
const stable = (value: unknown): string | undefined =>
  JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? item.toString() : item));

/**
 * The argument an input instance was built from (`input` in `createEvent(input: ...)`), so that an
 * error names `input.maxCapacity` rather than `maxCapacity`. Flattened `@Args()` classes match none
 * and keep bare names, which are then argument names themselves (`first`).
 */
function argumentNameOf(value: object, args: Record<string, unknown>): string | undefined {
  return Object.keys(args).find((name) => {
    const raw = args[name];
    if (!isObject(raw) || Array.isArray(raw) !== Array.isArray(value)) return false;
    return Object.entries(raw).every(
      ([key, field]) => stable((value as Record<string, unknown>)[key]) === stable(field),
    );
  });
}

/**
 * type-graphql's validation (class-validator, missing properties skipped as GraphQL enforces them),
 * refusing bad input with BAD_USER_INPUT naming the full field path and listing every problem.
 */
export async function validateInput(value: unknown, _type: unknown, resolverData: ResolverData<object>): Promise<void> {
  if (!isObject(value)) return;
  const items = Array.isArray(value) ? value.filter(isObject) : [value];
  const name = argumentNameOf(value, resolverData.args);
  const problems = (
    await Promise.all(
      items.map(async (item, index) => {
        const errors = await validate(item, { skipMissingProperties: true, forbidUnknownValues: false });
        const prefix = [name, Array.isArray(value) ? String(index) : undefined].filter(Boolean).join('.');
        return flattenValidationErrors(errors as ValidationErrorLike[], prefix);
      }),
    )
  ).flat();
  const first = problems[0];
  if (first) throw new BadUserInputError(`Invalid value for ${first.field}: ${first.message}`, first.field, { problems });
}
