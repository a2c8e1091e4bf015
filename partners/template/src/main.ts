import '@ecosystem/shared/dist/bootstrap';
import { exitOnStartFailure, runSubgraph } from '@ecosystem/shared';
import { partnerSubgraphName } from './config';
import { partnerSubgraph } from './definition';

runSubgraph(partnerSubgraph(partnerSubgraphName())).catch(exitOnStartFailure);
