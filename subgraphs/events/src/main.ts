import '@ecosystem/shared/dist/bootstrap';
import { runSubgraph } from '@ecosystem/shared';
import { eventsSubgraph } from './definition';

runSubgraph(eventsSubgraph).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
