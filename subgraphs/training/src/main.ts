import '@ecosystem/shared/dist/bootstrap';
import { runSubgraph } from '@ecosystem/shared';
import { trainingSubgraph } from './definition';

runSubgraph(trainingSubgraph).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
