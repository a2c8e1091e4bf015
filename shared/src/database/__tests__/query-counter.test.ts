import { outsideStatementScope, QueryCounter, statementsInScope, withStatementScope } from '../query-counter';

describe('statement scopes', () => {
  it('counts a request scope, and not the background work it starts outside its scope', async () => {
    const counter = new QueryCounter();
    let background: Promise<void> = Promise.resolve();
    const counted = await withStatementScope(async () => {
      counter.logQuery();
      background = outsideStatementScope(async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        expect(statementsInScope()).toBeUndefined();
        counter.logQuery();
        counter.logQuery();
      });
      await background;
      return statementsInScope();
    });
    expect(counted).toBe(1);
    expect(counter.total).toBe(3);
  });
});
