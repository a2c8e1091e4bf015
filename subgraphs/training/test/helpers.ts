import { createLogger, startSubgraphHarness, type Logger, type SubgraphHarness } from '@ecosystem/shared';
import { type TrainingContext } from '../src/context';
import { trainingSubgraph } from '../src/definition';
import { type TrainingLoaders } from '../src/context';

export const silentLogger: Logger = createLogger('training-test', 'silent');

export type Harness = SubgraphHarness<TrainingContext, TrainingLoaders>;

/** A test database (MariaDB when DATABASE_URL is set) with the demo seed and an in-process server. */
export function startHarness(name: string, options: { seed?: boolean } = {}): Promise<Harness> {
  return startSubgraphHarness(trainingSubgraph, name, options);
}
