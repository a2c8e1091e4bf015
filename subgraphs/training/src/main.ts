import '@ecosystem/shared/dist/bootstrap';
import { exitOnStartFailure, runSubgraph } from '@ecosystem/shared';
import { trainingSubgraph } from './definition';

runSubgraph(trainingSubgraph).catch(exitOnStartFailure);
