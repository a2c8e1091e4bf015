import '@ecosystem/shared/dist/bootstrap';
import { runSubgraph } from '@ecosystem/shared';
import { partnerSubgraphName } from './config';
import { partnerSubgraph } from './definition';

runSubgraph(partnerSubgraph(partnerSubgraphName())).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
