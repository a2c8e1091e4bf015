import { type GatewayConfig } from '../config';

/**
 * Nesting bounds checked on the raw request before anything recursive walks it: graphql-js's parser
 * and variable coercion, the input hygiene walk and the coercion memo all recurse once per level, so
 * a deep enough value overflowed the stack (an HTTP 500, or a parse error naming the stack).
 */

/**
 * The bounds (MAX_VARIABLE_NESTING, MAX_DOCUMENT_NESTING): variables deeper than any input type of
 * the graph nests and far below what overflows a recursive walk; documents above any operation
 * MAX_DEPTH lets through.
 */
export type NestingLimits = Pick<GatewayConfig, 'MAX_VARIABLE_NESTING' | 'MAX_DOCUMENT_NESTING'>;

/** The first variable whose value nests objects and lists deeper than `max`, walked without recursion. */
export function tooDeepVariable(variables: unknown, max: number): string | undefined {
  if (!variables || typeof variables !== 'object' || Array.isArray(variables)) return undefined;
  for (const [name, value] of Object.entries(variables as Record<string, unknown>)) {
    const stack: [unknown, number][] = [[value, 1]];
    while (stack.length > 0) {
      const [current, depth] = stack.pop()!;
      if (!current || typeof current !== 'object') continue;
      if (depth > max) return name;
      for (const child of Array.isArray(current) ? current : Object.values(current)) {
        if (child && typeof child === 'object') stack.push([child, depth + 1]);
      }
    }
  }
  return undefined;
}

/** Whether a document's brackets nest deeper than `max` (strings, block strings and comments skipped). */
export function documentNestsTooDeep(query: string, max: number): boolean {
  let depth = 0;
  for (let i = 0; i < query.length; i++) {
    const c = query[i];
    if (c === '#') {
      while (i < query.length && query[i] !== '\n' && query[i] !== '\r') i++;
    } else if (c === '"') {
      if (query.startsWith('"""', i)) {
        i += 3;
        while (i < query.length && !query.startsWith('"""', i)) i += query[i] === '\\' && query.startsWith('"""', i + 1) ? 4 : 1;
        i += 2;
      } else {
        i++;
        while (i < query.length && query[i] !== '"' && query[i] !== '\n') i += query[i] === '\\' ? 2 : 1;
      }
    } else if (c === '{' || c === '[' || c === '(') {
      if (++depth > max) return true;
    } else if (c === '}' || c === ']' || c === ')') {
      depth--;
    }
  }
  return false;
}
