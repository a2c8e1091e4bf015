import { validate } from 'class-validator';
import { type ResolverData } from 'type-graphql';
import { BadUserInputError } from '../errors/app-error';
import { flattenValidationErrors, type ValidationErrorLike } from '../errors/format-error';
import { inputHygieneProblems } from './input-hygiene';

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
 * The argument `value` was given as, by identity first (type-graphql hands an argument's own value
 * or an instance built from it), and its GraphQL type from the field being resolved.
 */
function argumentOf(value: unknown, resolverData: ResolverData<object>) {
  const { info, args } = resolverData;
  const definitions = info.parentType.getFields()[info.fieldName]?.args ?? [];
  const byIdentity = definitions.find((definition) => args[definition.name] === value);
  if (byIdentity) return byIdentity;
  const name = isObject(value) ? argumentNameOf(value, args) : undefined;
  return name ? definitions.find((definition) => definition.name === name) : undefined;
}

/**
 * Every argument goes through the shared hygiene rules (control characters, blank text in
 * mutations, id format, BigInt range: see input-hygiene.ts), then type-graphql's validation
 * (class-validator, missing properties skipped as GraphQL enforces them), refusing bad input with
 * BAD_USER_INPUT naming the full field path and listing every problem. Nothing has run yet: no SQL.
 */
export async function validateInput(value: unknown, _type: unknown, resolverData: ResolverData<object>): Promise<void> {
  const argument = argumentOf(value, resolverData);
  const { info } = resolverData;
  const inMutation = info.parentType === info.schema.getMutationType();
  const options = { blankAllowed: !inMutation };
  let hygiene: ReturnType<typeof inputHygieneProblems> = [];
  if (argument) hygiene = inputHygieneProblems(value, argument.type, argument.name, options);
  else if (isObject(value) && !Array.isArray(value)) {
    // An @ArgsType class: its properties are the field's arguments.
    const record = value as Record<string, unknown>;
    for (const definition of info.parentType.getFields()[info.fieldName]?.args ?? []) {
      if (!(definition.name in record)) continue;
      hygiene.push(
        ...inputHygieneProblems(record[definition.name], definition.type, definition.name, options, (trimmed) => {
          record[definition.name] = trimmed;
        }),
      );
    }
  }
  if (hygiene.length > 0) {
    const first = hygiene[0]!;
    throw new BadUserInputError(`Invalid value for ${first.field}: ${first.message}`, first.field, { problems: hygiene });
  }
  if (!isObject(value)) return;
  const items = Array.isArray(value) ? value.filter(isObject) : [value];
  const name = argument?.name ?? argumentNameOf(value, resolverData.args);
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
