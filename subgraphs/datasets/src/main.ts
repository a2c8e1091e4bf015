import '@ecosystem/shared/dist/bootstrap';
import { exitOnStartFailure, runSubgraph } from '@ecosystem/shared';
import { datasetsSubgraph } from './definition';

runSubgraph(datasetsSubgraph).catch(exitOnStartFailure);
