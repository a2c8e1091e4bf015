import '@ecosystem/shared/dist/bootstrap';
import { exitOnStartFailure, runSubgraph } from '@ecosystem/shared';
import { eventsSubgraph } from './definition';

runSubgraph(eventsSubgraph).catch(exitOnStartFailure);
