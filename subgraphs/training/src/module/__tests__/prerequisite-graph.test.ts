import { cycleCreatedBy, prerequisiteOrder, withPrerequisites } from '../prerequisite-graph';

// a <- b <- c (c requires b, b requires a), d requires a
const graph = new Map<string, string[]>([
  ['b', ['a']],
  ['c', ['b']],
  ['d', ['a']],
]);

describe('prerequisite graph', () => {
  it('finds the cycle a new prerequisite would close, with its path', () => {
    expect(cycleCreatedBy(graph, 'a', ['c'])).toEqual(['a', 'c', 'b', 'a']);
    expect(cycleCreatedBy(graph, 'a', ['a'])).toEqual(['a', 'a']);
  });

  it('accepts prerequisites that keep the graph acyclic', () => {
    expect(cycleCreatedBy(graph, 'c', ['d'])).toBeNull();
    expect(cycleCreatedBy(graph, 'd', ['b', 'c'])).toBeNull();
  });

  it('closes a set over its prerequisites', () => {
    expect([...withPrerequisites(graph, ['c'])].sort()).toEqual(['a', 'b', 'c']);
  });

  it('orders prerequisites first, ties by the comparator', () => {
    expect(prerequisiteOrder(graph, ['c', 'd', 'b', 'a'], (x, y) => y.localeCompare(x))).toEqual(['a', 'd', 'b', 'c']);
  });
});
