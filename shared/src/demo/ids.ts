import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';

const DEMO_NAMESPACE = '6f1c8a52-3f7e-4d0b-9a55-2b8e4c1d7a90';

/**
 * Deterministic id of a demo row, the same in every process: subgraphs seed their own tables and
 * still point at each other's demo rows (an organisation's id in datasets = its id in members).
 */
export function demoId(kind: string, key: string): string {
  return uuidv5(`${kind}:${key}`, DEMO_NAMESPACE);
}

/** Id of a new row: UUID v7, time-ordered (index-friendly) and not guessable as a sequence. */
export function newId(): string {
  return uuidv7();
}
