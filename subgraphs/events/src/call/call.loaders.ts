import { byId, manyByKey } from '@ecosystem/shared';
import type DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { Event } from '../event/event.entity';
import { CallDataset } from './call-dataset.entity';
import { Call } from './call.entity';
import { ExpressionOfInterest } from './expression-of-interest.entity';

export interface CallLoaders {
  callById: DataLoader<string, Call | null>;
  callsByPublisherId: DataLoader<string, Call[]>;
  datasetIdsByCallId: DataLoader<string, string[]>;
  eventIdsByCallId: DataLoader<string, string[]>;
  expressionsOfInterestByCallId: DataLoader<string, ExpressionOfInterest[]>;
}

/** The call loaders of a request: one SQL statement per batch. */
export function createCallLoaders(dataSource: DataSource): CallLoaders {
  return {
    callById: byId(dataSource, Call),
    callsByPublisherId: manyByKey(dataSource, Call, 'publisherId', { order: { createdAt: 'ASC', id: 'ASC' } }),
    datasetIdsByCallId: manyByKey(dataSource, CallDataset, 'callId', { order: { datasetId: 'ASC' }, map: (rows) => rows.map((row) => row.datasetId) }),
    eventIdsByCallId: manyByKey(dataSource, Event, 'callId', { select: { id: true, callId: true }, map: (rows) => rows.map((row) => row.id) }),
    expressionsOfInterestByCallId: manyByKey(dataSource, ExpressionOfInterest, 'callId', { order: { submittedAt: 'ASC', id: 'ASC' } }),
  };
}
