import { type KeyValueCache } from '@apollo/utils.keyvaluecache';
import {
  type ASTNode,
  DirectiveLocation,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FormattedExecutionResult,
  type FragmentDefinitionNode,
  GraphQLBoolean,
  GraphQLDirective,
  GraphQLError,
  type GraphQLFormattedError,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  getDirectiveValues,
  GraphQLNonNull,
  GraphQLSchema,
  GraphQLString,
  type InlineFragmentNode,
  Kind,
  type OperationDefinitionNode,
  parse,
  print,
  type SelectionNode,
  type SelectionSetNode,
  type SourceLocation,
  validate,
  type VariableDefinitionNode,
  visit,
} from 'graphql';
import { createHash } from 'node:crypto';
import { inputHygieneProblems } from '@ecosystem/shared';
import { type IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { type GatewayHook } from '../http/hooks';
import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { negotiateResponse } from '../production/accept';
import { GatewayErrorCode, refuse } from '../security/refuse';
import { type GatewayContext } from '../context';

/** One deferred fragment: where it sits (response keys from the root) and what it selects. */
interface DeferredFragment {
  label: string | undefined;
  /** The fields from the root to the fragment's parent selection set. */
  path: FieldNode[];
  fragment: InlineFragmentNode;
}

function deferDirective(directives: readonly DirectiveNode[] | undefined): DirectiveNode | undefined {
  return directives?.find((d) => d.name.value === 'defer');
}

/**
 * `@defer(if: false)` defers nothing; a variable is read from the request's variables, else from its
 * default value, else `if`'s own default (true). deferRefusal has checked its type and value.
 */
function isDeferred(directive: DirectiveNode, variables: Record<string, unknown>, operation: OperationDefinitionNode): boolean {
  const condition = directive.arguments?.find((a) => a.name.value === 'if')?.value;
  if (!condition) return true;
  if (condition.kind === Kind.BOOLEAN) return condition.value;
  if (condition.kind === Kind.VARIABLE) {
    const name = condition.name.value;
    if (variables[name] !== undefined) return variables[name] !== false;
    const fallback = operation.variableDefinitions?.find((v) => v.variable.name.value === name)?.defaultValue;
    return !(fallback?.kind === Kind.BOOLEAN && !fallback.value);
  }
  return true;
}

/** A refusal of a document's @defer directives, before anything runs (HTTP 400). */
export interface DeferRefusal {
  code: string;
  message: string;
  extensions?: Record<string, unknown>;
  /** Where in the client's text, as graphql-js gives a validation error's. */
  locations?: readonly SourceLocation[];
}

/** Every @defer directive of a definition, with the selection set it sits in (for the root check). */
function defersIn(node: SelectionSetNode, inRoot: boolean, found: { directive: DirectiveNode; inRoot: boolean }[]): void {
  for (const selection of node.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.selectionSet) defersIn(selection.selectionSet, false, found);
      continue;
    }
    const directive = deferDirective(selection.directives);
    if (directive) found.push({ directive, inRoot });
    // An inline fragment's fields are still the parent's: the root stays the root.
    if (selection.kind === Kind.INLINE_FRAGMENT) defersIn(selection.selectionSet, inRoot, found);
  }
}

/** @defer as graphql-js 17 and the incremental-delivery spec define it. */
const GraphQLDeferDirective = new GraphQLDirective({
  name: 'defer',
  locations: [DirectiveLocation.FRAGMENT_SPREAD, DirectiveLocation.INLINE_FRAGMENT],
  args: { if: { type: new GraphQLNonNull(GraphQLBoolean), defaultValue: true }, label: { type: GraphQLString } },
});

/** The API schema with @defer declared, one per schema served. */
const withDefer = new WeakMap<GraphQLSchema, GraphQLSchema>();
function schemaWithDefer(schema: GraphQLSchema): GraphQLSchema {
  let extended = withDefer.get(schema);
  if (!extended) {
    const config = schema.toConfig();
    extended = new GraphQLSchema({ ...config, directives: [...config.directives.filter((d) => d.name !== 'defer'), GraphQLDeferDirective] });
    withDefer.set(schema, extended);
  }
  return extended;
}

/** Where nodes sit in the text they were parsed from. */
const locationsOf = (...nodes: ASTNode[]): readonly SourceLocation[] | undefined => new GraphQLError('', { nodes }).locations;

/**
 * What graphql-js 17's incremental-delivery validation refuses, checked here because the API schema
 * has no @defer (the gateway strips it before Apollo Server validates): graphql-js's own rules run
 * against the API schema with @defer declared (where it may be used, once per location, its
 * arguments, the variable given to `if`), keeping the errors about a @defer directive; then what
 * graphql-js 17 adds (DeferStreamDirectiveLabelRule, DeferStreamDirectiveOnRootFieldRule) and the
 * value of an `if` variable. Errors about anything else are /graphql's to give, as without @defer.
 */
export function deferRefusal(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  options: { schema: GraphQLSchema | undefined },
): DeferRefusal | undefined {
  const invalid = (message: string, ...nodes: ASTNode[]): DeferRefusal => ({ code: 'GRAPHQL_VALIDATION_FAILED', message, ...located(nodes) });
  const located = (nodes: ASTNode[]): { locations?: readonly SourceLocation[] } => {
    const locations = locationsOf(...nodes);
    return locations ? { locations } : {};
  };
  const directives: DirectiveNode[] = [];
  visit(document, { Directive: (node) => void (node.name.value === 'defer' && directives.push(node)) });
  if (directives.length === 0) return undefined;
  if (options.schema) {
    const inDefer = (node: ASTNode): boolean => !!node.loc && directives.some((d) => d.loc && node.loc!.start >= d.loc.start && node.loc!.end <= d.loc.end);
    const error = validate(schemaWithDefer(options.schema), document).find((e) => e.nodes?.some(inDefer));
    if (error) return { code: 'GRAPHQL_VALIDATION_FAILED', message: error.message, ...(error.locations ? { locations: error.locations } : {}) };
  }
  const mutationType = options.schema?.getMutationType()?.name ?? 'Mutation';
  const found: { directive: DirectiveNode; inRoot: boolean }[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) defersIn(definition.selectionSet, definition.operation === 'mutation', found);
    else if (definition.kind === Kind.FRAGMENT_DEFINITION) defersIn(definition.selectionSet, definition.typeCondition.name.value === mutationType, found);
  }
  const root = found.find((f) => f.inRoot);
  if (root) return invalid(`Defer directive cannot be used on root mutation type "${mutationType}".`, root.directive);
  const labels = new Map<string, DirectiveNode>();
  for (const { directive } of found) {
    for (const argument of directive.arguments ?? []) {
      const name = argument.name.value;
      if (name === 'label') {
        if (argument.value.kind !== Kind.STRING) return invalid('Defer directive label argument must be a static string.', argument.value);
        // The label is echoed back in the incremental part: the String hygiene rule every argument obeys applies to it too.
        const problem = inputHygieneProblems(argument.value.value, GraphQLString, 'label', { blankAllowed: true })[0];
        if (problem) return { ...invalid(`Defer directive label argument ${problem.message}.`, argument.value), extensions: { field: 'label' } };
        const same = labels.get(argument.value.value);
        if (same) return invalid(`Defer directive label argument "${argument.value.value}" must be unique within the operation.`, same, directive);
        labels.set(argument.value.value, directive);
      } else if (name === 'if') {
        const value = argument.value;
        if (value.kind === Kind.BOOLEAN) continue;
        if (value.kind !== Kind.VARIABLE) return invalid('Argument "if" of directive "@defer" has type "Boolean!": it takes a Boolean or a variable.', value);
        const variable = value.name.value;
        const definition = operation.variableDefinitions?.find((v) => v.variable.name.value === variable);
        if (!definition) return invalid(`Variable "$${variable}" is not defined${operation.name ? ` by operation "${operation.name.value}"` : ''}.`, value, operation);
        const type = definition.type;
        const named = type.kind === Kind.NON_NULL_TYPE ? type.type : type;
        if (named.kind !== Kind.NAMED_TYPE || named.name.value !== 'Boolean') return invalid(`Variable "$${variable}" of type "${print(type)}" used in position expecting type "Boolean!".`, definition, value);
        const given = variables[variable];
        if (given === undefined ? type.kind === Kind.NON_NULL_TYPE && !definition.defaultValue : typeof given !== 'boolean') {
          return {
            code: 'BAD_USER_INPUT',
            message:
              given === undefined
                ? `Variable "$${variable}" of required type "${print(type)}" was not provided.`
                : given === null
                  ? // A nullable variable accepts null; what refuses it is `if: Boolean! = true`.
                    `Variable "$${variable}" got invalid value null; argument "if" of directive "@defer" has type "Boolean!" and takes true or false, not null (leave the variable out to defer).`
                  : `Variable "$${variable}" got invalid value ${JSON.stringify(given)}; Boolean cannot represent a non boolean value.`,
            extensions: { field: variable },
            ...located([definition]),
          };
        }
      } else {
        return invalid(`Unknown argument "${name}" on directive "@defer".`, argument);
      }
    }
  }
  return undefined;
}

function labelOf(directive: DirectiveNode): string | undefined {
  const label = directive.arguments?.find((a) => a.name.value === 'label')?.value;
  return label?.kind === Kind.STRING ? label.value : undefined;
}

const withoutDefer = (directives: readonly DirectiveNode[] | undefined): DirectiveNode[] => (directives ?? []).filter((d) => d.name.value !== 'defer');

/**
 * The document with every @defer removed (what a client that cannot read multipart gets). A variable
 * only `@defer(if: $v)` used is then unused, which validation refuses ("never used"): its definition
 * goes too (deferRefusal has checked its type and value). Other unused variables stay refused.
 */
export function stripDefer(document: DocumentNode): DocumentNode {
  const unused = deferOnlyVariables(document);
  const stripped = visit(document, {
    InlineFragment: (node) => (deferDirective(node.directives) ? { ...node, directives: withoutDefer(node.directives) } : undefined),
    FragmentSpread: (node) => (deferDirective(node.directives) ? { ...node, directives: withoutDefer(node.directives) } : undefined),
  });
  if (unused.size === 0) return stripped;
  return {
    ...stripped,
    definitions: stripped.definitions.map((definition) =>
      definition.kind === Kind.OPERATION_DEFINITION && definition.variableDefinitions?.length
        ? { ...definition, variableDefinitions: definition.variableDefinitions.filter((v) => !unused.has(v)) }
        : definition,
    ),
  };
}

/** The variable definitions only `@defer(if: $v)` uses (in the document as parsed): stripDefer removes them. */
function deferOnlyVariables(document: DocumentNode): Set<VariableDefinitionNode> {
  const deferVariables = new Set<string>();
  visit(document, { Directive: (node) => (node.name.value === 'defer' ? void visit(node, { Variable: (v) => void deferVariables.add(v.name.value) }) : undefined) });
  const unused = new Set<VariableDefinitionNode>();
  if (deferVariables.size === 0) return unused;
  const withoutDirective = visit(document, { Directive: (node) => (node.name.value === 'defer' ? null : undefined) });
  const fragments = withoutDirective.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
  document.definitions.forEach((definition, index) => {
    if (definition.kind !== Kind.OPERATION_DEFINITION || !definition.variableDefinitions?.length) return;
    const used = new Set<string>();
    // Uses in the operation (not in its variable definitions) and in the fragments it may spread.
    const operation = withoutDirective.definitions[index] as OperationDefinitionNode;
    for (const node of [{ ...operation, variableDefinitions: [] }, ...fragments]) visit(node, { Variable: (v) => void used.add(v.name.value) });
    for (const v of definition.variableDefinitions) if (!used.has(v.variable.name.value) && deferVariables.has(v.variable.name.value)) unused.add(v);
  });
  return unused;
}

/**
 * The client's text with what stripDefer removes blanked out (spaces; line breaks kept): what
 * /graphql is handed for an operation answered whole or refused, so that its errors' `locations`
 * point into the text the client sent, not into a re-printed document.
 */
export function stripDeferText(source: string, document: DocumentNode): string {
  const ranges: [number, number][] = [];
  visit(document, { Directive: (node) => void (node.name.value === 'defer' && node.loc && ranges.push([node.loc.start, node.loc.end])) });
  const unused = deferOnlyVariables(document);
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION || !definition.variableDefinitions?.length) continue;
    const all = definition.variableDefinitions;
    const first = all[0]!.loc;
    const last = all[all.length - 1]!.loc;
    // With all of them gone, their parentheses go too: `()` does not parse.
    if (all.every((v) => unused.has(v)) && first?.startToken.prev && last?.endToken.next) ranges.push([first.startToken.prev.start, last.endToken.next.end]);
    else for (const v of all) if (unused.has(v) && v.loc) ranges.push([v.loc.start, v.loc.end]);
  }
  const characters = source.split('');
  for (const [start, end] of ranges) for (let i = start; i < end; i++) if (characters[i] !== '\n' && characters[i] !== '\r') characters[i] = ' ';
  return characters.join('');
}

/**
 * Splits an operation into its initial part (deferred fragments left out) and one part per deferred
 * fragment. Named fragments spread with @defer, or holding one, become inline fragments; a @defer
 * inside a deferred fragment is delivered with its outer fragment.
 */
export function splitDeferred(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): { initial: SelectionSetNode; deferred: DeferredFragment[]; placeholders: FieldNode[][] } {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const deferred: DeferredFragment[] = [];
  const placeholders: FieldNode[][] = [];
  // A named fragment holding a @defer (`...F` with `fragment F { ... @defer { } }`) is walked as an
  // inline fragment, or its deferred fragment would only be stripped; one in a cycle (which
  // validation refuses) is left as a spread.
  const holdsDefer = (fragment: FragmentDefinitionNode, seen = new Set<string>()): boolean => {
    seen.add(fragment.name.value);
    let found = false;
    visit(fragment.selectionSet, {
      Directive: (node) => void (node.name.value === 'defer' && (found = true)),
      // Through the fragments it spreads, too.
      FragmentSpread: (node) => {
        const spread = fragments.get(node.name.value);
        if (!found && spread && !seen.has(spread.name.value) && holdsDefer(spread, seen)) found = true;
      },
    });
    return found;
  };
  const walking = new Set<string>();
  const walk = (selectionSet: SelectionSetNode, path: FieldNode[]): SelectionSetNode => {
    const kept: SelectionNode[] = [];
    for (const selection of selectionSet.selections) {
      // A selection @skip or @include leaves out is left out with its deferred fragments: no part for them.
      if (!shouldInclude(selection, variables)) {
        kept.push(selection);
        continue;
      }
      if (selection.kind === Kind.FIELD) {
        kept.push(selection.selectionSet ? { ...selection, selectionSet: walk(selection.selectionSet, [...path, selection]) } : selection);
        continue;
      }
      const directive = deferDirective(selection.directives);
      const inline: InlineFragmentNode | undefined =
        selection.kind === Kind.INLINE_FRAGMENT
          ? selection
          : fragments.has(selection.name.value)
            ? {
                kind: Kind.INLINE_FRAGMENT,
                typeCondition: fragments.get(selection.name.value)!.typeCondition,
                directives: selection.directives ?? [],
                selectionSet: fragments.get(selection.name.value)!.selectionSet,
              }
            : undefined;
      if (directive && inline && isDeferred(directive, variables, operation)) {
        deferred.push({ label: labelOf(directive), path, fragment: { ...inline, directives: withoutDefer(inline.directives) } });
        continue;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) kept.push({ ...selection, directives: withoutDefer(selection.directives), selectionSet: walk(selection.selectionSet, path) });
      else if (inline && !walking.has(selection.name.value) && holdsDefer(fragments.get(selection.name.value)!)) {
        walking.add(selection.name.value);
        kept.push({ ...inline, directives: withoutDefer(inline.directives), selectionSet: walk(inline.selectionSet, path) });
        walking.delete(selection.name.value);
      } else kept.push({ ...selection, directives: withoutDefer(selection.directives) });
    }
    // A selection set may not be empty: what the initial part leaves is at least `__typename`,
    // which runDeferred takes out of the answer (the client did not ask for it).
    if (kept.length === 0) {
      kept.push({ kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } });
      placeholders.push(path);
    }
    return { ...selectionSet, selections: kept };
  };
  return { initial: walk(operation.selectionSet, []), deferred, placeholders };
}

/** Whether @skip and @include (with the request's variables) keep a selection. */
function shouldInclude(selection: SelectionNode, variables: Record<string, unknown>): boolean {
  if (!selection.directives?.length) return true;
  try {
    if (getDirectiveValues(GraphQLSkipDirective, selection, variables)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, selection, variables)?.if !== false;
  } catch {
    return true; // a bad value is /graphql's to refuse
  }
}

/** The query that reads one deferred fragment: its path from the root, then the fragment, with no other field. */
function deferredSelection(fragment: DeferredFragment): SelectionSetNode {
  let selectionSet: SelectionSetNode = { kind: Kind.SELECTION_SET, selections: [fragment.fragment] };
  for (const field of [...fragment.path].reverse()) {
    selectionSet = { kind: Kind.SELECTION_SET, selections: [{ ...field, selectionSet }] };
  }
  return selectionSet;
}

function documentWith(document: DocumentNode, operation: OperationDefinitionNode, selectionSet: SelectionSetNode): DocumentNode {
  const used = new Set<string>();
  visit(selectionSet, { FragmentSpread: (node) => void used.add(node.name.value) });
  // Fragments spread by other fragments: keep every fragment whose name is used anywhere, transitively.
  let grown = true;
  while (grown) {
    grown = false;
    for (const d of document.definitions) {
      if (d.kind !== Kind.FRAGMENT_DEFINITION || !used.has(d.name.value)) continue;
      visit(d.selectionSet, {
        FragmentSpread: (node) => {
          if (!used.has(node.name.value)) {
            used.add(node.name.value);
            grown = true;
          }
        },
      });
    }
  }
  const kept = document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION && used.has(d.name.value));
  // A variable the part does not use would fail validation ("never used"): only the part's own.
  const variables = new Set<string>();
  for (const node of [selectionSet, ...kept]) visit(node, { Variable: (v) => void variables.add(v.name.value) });
  const variableDefinitions = (operation.variableDefinitions ?? []).filter((v) => variables.has(v.variable.name.value));
  return stripDefer({ kind: Kind.DOCUMENT, definitions: [{ ...operation, variableDefinitions, selectionSet }, ...kept] });
}

/** The objects a deferred part delivered: one per position of its path (lists expanded), with that position. */
function objectsAt(data: unknown, path: FieldNode[], at: (string | number)[] = []): { path: (string | number)[]; value: Record<string, unknown> }[] {
  if (data === null || data === undefined) return [];
  if (Array.isArray(data)) return data.flatMap((item, index) => objectsAt(item, path, [...at, index]));
  if (path.length === 0) return [{ path: at, value: data as Record<string, unknown> }];
  const [field, ...rest] = path;
  const key = field!.alias?.value ?? field!.name.value;
  return objectsAt((data as Record<string, unknown>)[key], rest, [...at, key]);
}

export interface IncrementalPart {
  hasNext: boolean;
  incremental: { data: Record<string, unknown> | null; path: (string | number)[]; label?: string; errors?: readonly GraphQLFormattedError[] }[];
}

/**
 * Runs an operation with deferred fragments as separate operations through the gateway, all at once:
 * the initial part (deferred fragments left out) is sent as soon as it is done, each deferred part as
 * soon as it arrives after it (the incremental-delivery format Apollo Router and Apollo Client speak:
 * `incremental: [{ data, path, label }]`). A deferred part whose subgraph fails carries its own errors.
 */
export async function runDeferred(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  { initial, deferred, placeholders }: ReturnType<typeof splitDeferred>,
  execute: (document: DocumentNode) => Promise<FormattedExecutionResult>,
  send: (part: FormattedExecutionResult & { hasNext: boolean } | IncrementalPart) => void,
): Promise<void> {
  const initialResult = execute(documentWith(document, operation, initial));
  const parts = deferred.map((fragment) => ({
    fragment,
    result: execute(documentWith(document, operation, deferredSelection(fragment))),
  }));
  const first = await initialResult;
  for (const path of placeholders) for (const { value } of objectsAt(first.data, path)) delete value.__typename;
  let remaining = parts.length;
  send({ ...first, hasNext: remaining > 0 });
  await Promise.all(
    parts.map(async ({ fragment, result }) => {
      const answer = await result;
      remaining -= 1;
      const objects = objectsAt(answer.data, fragment.path);
      const incremental: IncrementalPart['incremental'] = objects.map((o) => ({ data: o.value, path: o.path, ...(fragment.label ? { label: fragment.label } : {}) }));
      if (answer.errors?.length) {
        if (incremental.length > 0) incremental[0] = { ...incremental[0]!, errors: answer.errors };
        else incremental.push({ data: null, path: fragment.path.map((f) => f.alias?.value ?? f.name.value), ...(fragment.label ? { label: fragment.label } : {}), errors: answer.errors });
      }
      send({ hasNext: remaining > 0, incremental });
    }),
  );
}

const BOUNDARY_PART = '\r\n---';

/**
 * Whether a document that parses holds a @defer directive (one that does not parse is Apollo Server's
 * to refuse). Read from the parsed document: `@ defer` and `@#comment` + line break + `defer` are
 * @defer too. The name's letters are never split, so a text without them is not parsed.
 */
function hasDefer(query: string): boolean {
  if (!query.includes('defer')) return false;
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch {
    return false;
  }
  let found = false;
  visit(document, {
    Directive(node) {
      if (node.name.value === 'defer') found = true;
    },
  });
  return found;
}

/** What Apollo Server accepts for `variables` and `extensions` in a POST body: absent, null or an object. */
const isRecordOrAbsent = (value: unknown): boolean => value == null || (typeof value === 'object' && !Array.isArray(value));

/**
 * Answers a check-only request (`checkOnly` in its context) with empty data once every limit has run
 * in didResolveOperation: the whole of a @defer operation passes the same limits as without @defer,
 * and nothing is fetched for it.
 */
export function checkOnlyPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    // Hooks for check-only requests alone: Apollo Server asks every request's hooks in turn for a response.
    async requestDidStart({ contextValue }) {
      if (!contextValue.checkOnly) return;
      return {
        async responseForOperation() {
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: {} } } };
        },
      };
    },
  };
}

/** The sha256Hash of a well-formed `extensions.persistedQuery` (persistedQueryShapeMiddleware refused any other). */
function persistedHash(extensions: unknown): string | undefined {
  const persisted = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | null | undefined)?.persistedQuery;
  return typeof persisted?.sha256Hash === 'string' ? persisted.sha256Hash : undefined;
}

const MULTIPART_CONTENT_TYPE = 'multipart/mixed; boundary="-"; deferSpec=20220824';

type DeferAnswer =
  | { kind: 'refused'; code: string; message: string; extensions: Record<string, unknown>; locations?: readonly { line: number; column: number }[] }
  | { kind: 'parts'; stream: PassThrough };

function refused(code: string, message: string, extensions: Record<string, unknown> = {}, locations?: readonly { line: number; column: number }[]): DeferAnswer {
  return { kind: 'refused', code, message, extensions, ...(locations ? { locations } : {}) };
}

/**
 * POST /graphql with `@defer`: answered as `multipart/mixed` (deferSpec=20220824) when the client
 * accepts it; a client that does not gets the whole answer at once (the @defer directives removed).
 */
export function deferHandler(options: {
  contextFor(req: IncomingMessage): GatewayContext;
  /** Whether the whole operation (without @defer) passes the limits: cost, depth, aliases, tokens, directives. */
  check(document: DocumentNode, variables: Record<string, unknown>, operationName: string | undefined, context: GatewayContext): Promise<boolean>;
  /** MAX_RESPONSE_BYTES (0: none), for the parts together. */
  maxResponseBytes: number;
  /** MAX_DEFERRED_FRAGMENTS: deferred parts (each one more operation through the plan) per operation. */
  maxDeferredFragments: number;
  /** The API schema served (undefined before the first supergraph): @defer is validated against it. */
  schema(): GraphQLSchema | undefined;
  /** Counts a refusal made here (gateway_refusals_total), as Apollo Server's are counted. */
  onRefuse?(code: string): void;
  execute(document: DocumentNode, variables: Record<string, unknown>, operationName: string | undefined, context: GatewayContext): Promise<FormattedExecutionResult>;
  /** The APQ entries /graphql registers and finds (RequestPolicies.persistedQueries): undefined when APQ is off. */
  persistedQueries?: KeyValueCache<string> | undefined;
}): GatewayHook {
  return (request, reply, done) => {
    serve(request.raw, request.method, request.query as Record<string, unknown>, request.body).then(
      (answer) => {
        if (answer === undefined) done();
        else if (answer.kind === 'refused') refuse(reply, 400, answer.code, answer.message, answer.extensions, answer.locations);
        else reply.code(200).header('content-type', MULTIPART_CONTENT_TYPE).header('cache-control', 'no-store').send(answer.stream);
      },
      (error: unknown) => done(error as Error),
    );
  };

  /** Undefined: /graphql answers the request (possibly with its body changed); else the refusal or the parts. */
  async function serve(
    req: IncomingMessage,
    method: string,
    query: Record<string, unknown>,
    requestBody: unknown,
  ): Promise<DeferAnswer | undefined> {
    if (method === 'GET') {
      // GET answers are cacheable single JSON documents: @defer is served by POST (multipart/mixed).
      // Without this, the API schema (which has no @defer) answers "Unknown directive".
      let text = query.query;
      // A hash-only GET (APQ) of a registered @defer operation is the same operation.
      if (text === undefined && options.persistedQueries && typeof query.extensions === 'string') {
        let hash: string | undefined;
        try {
          hash = persistedHash(JSON.parse(query.extensions));
        } catch {
          hash = undefined; // Apollo Server refuses extensions that are not JSON
        }
        if (hash) text = await options.persistedQueries.get(hash).catch(() => undefined);
      }
      if (typeof text === 'string' && hasDefer(text)) {
        options.onRefuse?.(GatewayErrorCode.DEFER_NOT_SERVED_OVER_GET);
        return refused(GatewayErrorCode.DEFER_NOT_SERVED_OVER_GET, '@defer is served by POST only: send this operation by POST (with Accept: multipart/mixed; deferSpec=20220824 for incremental parts)', { field: 'query' });
      }
      return undefined;
    }
    const body = requestBody as { query?: unknown; variables?: unknown; extensions?: unknown; operationName?: unknown } | undefined;
    if (method !== 'POST' || !body || Array.isArray(body)) {
      return undefined;
    }
    // APQ as /graphql serves it, with Apollo Server's store: a hash-only request whose stored text
    // holds @defer is served here; a text whose hash is not the one sent, or an unknown hash, is left
    // to /graphql (PERSISTED_QUERY_HASH_MISMATCH, PERSISTED_QUERY_NOT_FOUND).
    const hash = persistedHash(body.extensions);
    const apq = hash === undefined ? undefined : options.persistedQueries;
    let register = false;
    if (apq && hash && body.query === undefined) {
      const stored = await apq.get(hash).catch(() => undefined);
      if (typeof stored !== 'string' || !hasDefer(stored)) {
        return undefined;
      }
      body.query = stored;
    } else if (apq && hash && typeof body.query === 'string' && hasDefer(body.query)) {
      if (createHash('sha256').update(body.query).digest('hex') !== hash) {
        return undefined;
      }
      register = true;
    }
    if (typeof body.query !== 'string' || !hasDefer(body.query)) {
      return undefined;
    }
    if (hash && apq) {
      // Resolved here: what /graphql may be handed next is the text without @defer, whose hash differs.
      const { persistedQuery: _persistedQuery, ...rest } = body.extensions as Record<string, unknown>;
      body.extensions = rest;
    }
    // Registered as Apollo Server does: once the operation passed validation and the limits.
    const registerIfAllowed = (allowed: boolean): void => {
      if (allowed && register && apq && hash) void apq.set(hash, body.query as string).catch(() => undefined);
    };
    // A badly shaped body is refused by Apollo Server's own body checks (same status, code and message
    // as without @defer): the request goes on untouched instead of running with the field ignored.
    if (!isRecordOrAbsent(body.variables) || !isRecordOrAbsent(body.extensions) || (body.operationName != null && typeof body.operationName !== 'string')) {
      return undefined;
    }
    let document: DocumentNode;
    try {
      document = parse(body.query);
    } catch {
      return undefined; // Apollo Server says what is wrong with it
    }
    const operationName = typeof body.operationName === 'string' ? body.operationName : undefined;
    const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
    const accepts = negotiateResponse(req, { multipart: true }) === 'multipart';
    const variables = (body.variables && typeof body.variables === 'object' && !Array.isArray(body.variables) ? body.variables : {}) as Record<string, unknown>;
    // Refused whatever the Accept header: the document is invalid with or without multipart.
    const refusal = operation ? deferRefusal(document, operation, variables, { schema: options.schema() }) : undefined;
    if (refusal) {
      options.onRefuse?.(refusal.code);
      return refused(refusal.code, refusal.message, refusal.extensions, refusal.locations);
    }
    if (!operation || operation.operation !== 'query' || !accepts) {
      // Without multipart (or for a mutation), the whole answer at once: the same operation without @defer.
      if (register && operation) {
        try {
          registerIfAllowed(await options.check(stripDefer(document), variables, operationName, options.contextFor(req)));
        } catch (error) {
          throw error;
        }
      }
      body.query = stripDeferText(body.query, document);
      return undefined;
    }
    // Each deferred part is one more operation through the plan: bounded before anything runs.
    const split = splitDeferred(document, operation, variables);
    if (split.deferred.length > options.maxDeferredFragments) {
      options.onRefuse?.(GatewayErrorCode.TOO_MANY_DEFERRED_FRAGMENTS);
      return refused(GatewayErrorCode.TOO_MANY_DEFERRED_FRAGMENTS, `The operation defers ${split.deferred.length} fragments; at most ${options.maxDeferredFragments} are served (MAX_DEFERRED_FRAGMENTS)`, {
        maxDeferredFragments: options.maxDeferredFragments,
      });
    }
    const context = options.contextFor(req);
    const whole = stripDefer(document);
    let allowed: boolean;
    try {
      allowed = await options.check(whole, variables, operationName, context);
    } catch (error) {
      throw error;
    }
    if (!allowed) {
      // Refused exactly as the same operation without @defer: /graphql answers it (status, code, masking).
      body.query = stripDeferText(body.query, document);
      return undefined;
    }
    registerIfAllowed(allowed);
    // The parts go out as they come: Fastify sends the stream, with the headers the hooks set.
    const res = new PassThrough();
    let first = true;
    let ended = false;
    let bytes = 0;
    const write = (part: object, last: boolean) => {
      res.write(`${first ? BOUNDARY_PART + '\r\n' : ''}content-type: application/json; charset=utf-8\r\n\r\n${JSON.stringify(part)}${BOUNDARY_PART}${last ? '--' : ''}\r\n`);
      first = false;
      ended = last;
    };
    runDeferred(document, operation, split, (part) => options.execute(part, variables, operationName, context), (part) => {
      if (ended) return;
      // MAX_RESPONSE_BYTES bounds the answer, not each part: the parts' data together.
      const data = 'incremental' in part ? part.incremental.map((i) => i.data) : part.data;
      bytes += data === undefined || data === null ? 0 : Buffer.byteLength(JSON.stringify(data));
      if (options.maxResponseBytes > 0 && bytes > options.maxResponseBytes) {
        const message = `The response (${bytes} bytes so far) exceeds the limit of ${options.maxResponseBytes} bytes: ask for fewer items or fields`;
        write({ hasNext: false, errors: [{ message, extensions: { code: GatewayErrorCode.RESPONSE_TOO_LARGE, maxBytes: options.maxResponseBytes, requestId: context.requestId } }] }, true);
        return;
      }
      write(part, !part.hasNext);
    })
      .catch((error: unknown) => {
        context.logger.error({ err: error }, 'deferred execution failed');
        if (!ended) write({ hasNext: false, errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }, true);
      })
      .finally(() => res.end());
    return { kind: 'parts', stream: res };
  }
}
