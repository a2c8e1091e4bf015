import '@ecosystem/shared/dist/bootstrap';
import { exitOnStartFailure, runSubgraph } from '@ecosystem/shared';
import { membersSubgraph } from './definition';

runSubgraph(membersSubgraph).catch(exitOnStartFailure);
