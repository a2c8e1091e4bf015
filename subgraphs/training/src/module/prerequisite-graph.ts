/**
 * Pure functions over the prerequisite graph (module id -> ids of its prerequisites). The graph is
 * small (the whole catalogue), so services load it in one statement and reason in memory.
 */
export type PrerequisiteGraph = ReadonlyMap<string, readonly string[]>;

/**
 * The cycle that giving `moduleId` the prerequisites `prerequisiteIds` would create, as a list of
 * module ids from `moduleId` back to itself, or null when the write keeps the graph acyclic.
 * A cycle appears exactly when `moduleId` is reachable from one of its new prerequisites.
 */
export function cycleCreatedBy(
  graph: PrerequisiteGraph,
  moduleId: string,
  prerequisiteIds: readonly string[],
): string[] | null {
  for (const start of prerequisiteIds) {
    if (start === moduleId) return [moduleId, moduleId];
    // Depth-first search with parent links, to report the path.
    const parent = new Map<string, string | null>([[start, null]]);
    const stack = [start];
    while (stack.length > 0) {
      const current = stack.pop() as string;
      for (const next of graph.get(current) ?? []) {
        if (parent.has(next)) continue;
        parent.set(next, current);
        if (next === moduleId) {
          const path: string[] = [];
          for (let node: string | null = next; node !== null; node = parent.get(node) ?? null) path.unshift(node);
          return [moduleId, ...path];
        }
        stack.push(next);
      }
    }
  }
  return null;
}

/** `ids` and all their transitive prerequisites. */
export function withPrerequisites(graph: PrerequisiteGraph, ids: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const stack = [...ids];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(graph.get(id) ?? []));
  }
  return seen;
}

/**
 * Orders `ids` so that every module comes after those of its prerequisites that are in `ids`
 * (Kahn's algorithm); among the modules ready at a step, `compare` picks first.
 */
export function prerequisiteOrder(
  graph: PrerequisiteGraph,
  ids: Iterable<string>,
  compare: (a: string, b: string) => number,
): string[] {
  const members = new Set(ids);
  const waitingOn = new Map<string, number>();
  const unlocks = new Map<string, string[]>();
  for (const id of members) {
    const inside = (graph.get(id) ?? []).filter((p) => members.has(p));
    waitingOn.set(id, inside.length);
    for (const p of inside) unlocks.set(p, [...(unlocks.get(p) ?? []), id]);
  }
  const ready = [...members].filter((id) => waitingOn.get(id) === 0);
  const order: string[] = [];
  while (ready.length > 0) {
    ready.sort(compare);
    const next = ready.shift() as string;
    order.push(next);
    for (const after of unlocks.get(next) ?? []) {
      const left = (waitingOn.get(after) ?? 0) - 1;
      waitingOn.set(after, left);
      if (left === 0) ready.push(after);
    }
  }
  if (order.length !== members.size) throw new Error('The prerequisite graph has a cycle');
  return order;
}
