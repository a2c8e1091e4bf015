import { createLogger, createTestDatabase, type TestDatabase } from '@ecosystem/shared';
import { parse } from 'graphql';
import { OperationRecorder } from '../operation-recorder';
import { OperationSignature, registryEntities, selectLongTextType } from '../registry.entities';

let db: TestDatabase;

beforeAll(async () => {
  selectLongTextType(process.env.DATABASE_URL ? 'mysql' : 'embedded');
  db = await createTestDatabase('gateway-operation-recorder', registryEntities);
});

afterAll(async () => {
  await db.close();
});

describe('operation recorder', () => {
  it('records 300 distinct operations sent 3 times each with 2 INSERT statements, one row per signature', async () => {
    const recorder = new OperationRecorder({ dataSource: db.dataSource, logger: createLogger('test', 'silent'), bufferMax: 1000 });
    for (let round = 0; round < 3; round += 1) {
      for (let i = 0; i < 300; i += 1) {
        // Same operation, different formatting and literals: one signature.
        const text = `query Op${i} { organizations(first: ${round + 1}) { edges { node { id } } } }`;
        recorder.record(parse(text), text, `Op${i}`, `Op${i}`, `hash-${i}-${round}`);
      }
    }
    expect(recorder.stats().buffered).toBe(300);
    db.counter.reset();
    await recorder.flush();
    expect(db.counter.total).toBe(2);
    expect(await db.dataSource.getRepository(OperationSignature).count()).toBe(300);

    // Seen again later: the same rows, last seen moves, first seen stays.
    const [before] = await db.dataSource.getRepository(OperationSignature).find({ where: { operationName: 'Op7' } });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    recorder.record(parse('query Op7 { organizations(first: 9) { edges { node { id } } } }'), 'query Op7 { organizations(first: 9) { edges { node { id } } } }', 'Op7', 'Op7', 'other');
    await recorder.flush();
    const [after] = await db.dataSource.getRepository(OperationSignature).find({ where: { operationName: 'Op7' } });
    expect(await db.dataSource.getRepository(OperationSignature).count()).toBe(300);
    expect(after?.firstSeen.getTime()).toBe(before?.firstSeen.getTime());
    expect(after?.lastSeen.getTime()).toBeGreaterThan(before?.lastSeen.getTime() ?? 0);
    expect(after?.document).toContain('first: 9');
    expect((await recorder.recent(30, 10)).length).toBe(10);
  });

  it('is bounded: beyond bufferMax distinct operations, new ones wait for the next flush', () => {
    const recorder = new OperationRecorder({ dataSource: db.dataSource, logger: createLogger('test', 'silent'), bufferMax: 5 });
    for (let i = 0; i < 8; i += 1) recorder.record(parse(`{ f${i} }`), `{ f${i} }`, null, null, `h${i}`);
    expect(recorder.stats()).toMatchObject({ buffered: 5, dropped: 3 });
  });
});
