import '@ecosystem/shared/dist/bootstrap';
import { runSubgraph } from '@ecosystem/shared';
import { membersSubgraph } from './definition';

runSubgraph(membersSubgraph).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
