import '@ecosystem/shared/dist/bootstrap';
import { runSubgraph } from '@ecosystem/shared';
import { datasetsSubgraph } from './definition';

runSubgraph(datasetsSubgraph).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
