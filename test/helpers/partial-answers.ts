import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  getNamedType,
  type GraphQLNamedType,
  type GraphQLSchema,
  isInterfaceType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  parse,
  type SelectionSetNode,
} from 'graphql';

export type ResponsePath = (string | number)[];

export interface AnswerError {
  message: string;
  path?: ResponsePath;
  extensions?: Record<string, unknown>;
}

/** How an answer differs from the full answer to the same operation. */
export interface PartialAnswer {
  /** Positions that hold data in the full answer and null (or nothing) in this one. */
  lost: ResponsePath[];
  /** Positions whose value differs otherwise: data that should have been kept and was not. */
  changed: ResponsePath[];
}

/** Compares an answer's data with the full answer's, position by position. */
export function compareWithFull(full: unknown, answer: unknown, path: ResponsePath = []): PartialAnswer {
  const result: PartialAnswer = { lost: [], changed: [] };
  const walk = (expected: unknown, actual: unknown, at: ResponsePath): void => {
    if (expected === null || expected === undefined) {
      if (actual !== expected && !(actual === null && expected === undefined)) result.changed.push(at);
      return;
    }
    if (actual === null || actual === undefined) {
      result.lost.push(at);
      return;
    }
    if (Array.isArray(expected)) {
      if (!Array.isArray(actual) || actual.length !== expected.length) {
        result.changed.push(at);
        return;
      }
      expected.forEach((item, i) => walk(item, actual[i], [...at, i]));
      return;
    }
    if (typeof expected === 'object') {
      if (typeof actual !== 'object' || Array.isArray(actual)) {
        result.changed.push(at);
        return;
      }
      for (const key of Object.keys(expected)) walk((expected as Record<string, unknown>)[key], (actual as Record<string, unknown>)[key], [...at, key]);
      return;
    }
    if (expected !== actual) result.changed.push(at);
  };
  walk(full, answer ?? {}, path);
  return result;
}

/** The schema coordinate (`Type.field`) an operation's response path ends on. */
export class OperationFields {
  private readonly operation: OperationDefinitionNode;
  private readonly fragments = new Map<string, FragmentDefinitionNode>();

  constructor(
    private readonly schema: GraphQLSchema,
    query: string,
  ) {
    const document = parse(query);
    let operation: OperationDefinitionNode | undefined;
    for (const definition of document.definitions) {
      if (definition.kind === Kind.OPERATION_DEFINITION) operation ??= definition;
      if (definition.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(definition.name.value, definition);
    }
    if (!operation) throw new Error('no operation');
    this.operation = operation;
  }

  coordinateAt(path: ResponsePath): string | undefined {
    let type: GraphQLNamedType | null | undefined = this.schema.getQueryType();
    let selectionSet: SelectionSetNode | undefined = this.operation.selectionSet;
    let coordinate: string | undefined;
    for (const key of path) {
      if (typeof key === 'number') continue;
      if (!type || !(isObjectType(type) || isInterfaceType(type)) || !selectionSet) return undefined;
      const field = this.fieldByKey(selectionSet, key);
      if (!field) return undefined;
      const definition: GraphQLField<unknown, unknown> | undefined = type.getFields()[field.name.value];
      if (!definition) return undefined;
      coordinate = `${type.name}.${field.name.value}`;
      type = getNamedType(definition.type);
      selectionSet = field.selectionSet;
    }
    return coordinate;
  }

  private fieldByKey(selectionSet: SelectionSetNode, key: string): FieldNode | undefined {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD && (selection.alias?.value ?? selection.name.value) === key) return selection;
      const nested =
        selection.kind === Kind.INLINE_FRAGMENT
          ? selection.selectionSet
          : selection.kind === Kind.FRAGMENT_SPREAD
            ? this.fragments.get(selection.name.value)?.selectionSet
            : undefined;
      const found = nested && this.fieldByKey(nested, key);
      if (found) return found;
    }
    return undefined;
  }
}

const startsWith = (path: ResponsePath, prefix: ResponsePath): boolean => prefix.every((key, i) => path[i] === key);

/** The gateway's cap on the errors one failed fetch adds (guarded-data-source.ts): past it, lost positions go unlisted. */
export const MAX_ERRORS_PER_FAILED_FETCH = 100;

/**
 * What is wrong with an answer given while `lost` was unavailable ('': nothing may be lost): data
 * that differs from the full answer, a lost position no error accounts for (unless the errors
 * reached the gateway's cap), an error not at a field of `lost`, a second error at the same path,
 * an error code other than `codes`.
 */
export function partialAnswerProblems(
  answer: { data?: unknown; errors?: AnswerError[] },
  full: unknown,
  fields: OperationFields,
  resolvers: Map<string, string[]>,
  lost: string,
  codes: readonly string[],
): string[] {
  const problems: string[] = [];
  const { lost: lostPositions, changed } = compareWithFull(full, answer.data);
  for (const at of changed) problems.push(`changed at ${at.join('.')}`);
  const errors = answer.errors ?? [];
  const seen = new Set<string>();
  for (const error of errors) {
    const path = error.path ?? [];
    const key = path.join('.');
    if (seen.has(key)) problems.push(`second error at ${key}`);
    seen.add(key);
    const code = String(error.extensions?.code);
    if (!codes.includes(code)) problems.push(`error ${code} at ${key}: ${error.message}`);
    const coordinate = fields.coordinateAt(path);
    if (!coordinate || !(resolvers.get(coordinate) ?? []).includes(lost)) problems.push(`error at ${key} (${coordinate ?? '?'}) is not a field of ${lost}`);
  }
  const capped = errors.length >= MAX_ERRORS_PER_FAILED_FETCH;
  for (const at of lostPositions) {
    if (!capped && !errors.some((e) => startsWith(e.path ?? [], at))) problems.push(`lost ${at.join('.')} without an error`);
  }
  return problems;
}
