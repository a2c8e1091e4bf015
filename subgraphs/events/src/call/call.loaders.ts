import { groupByKeys, orderByKeys } from '@ecosystem/shared';
import DataLoader from 'dataloader';
import { type DataSource, In } from 'typeorm';
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
  const repo = dataSource.getRepository.bind(dataSource);
  return {
    callById: new DataLoader(async (ids) => orderByKeys(ids, await repo(Call).findBy({ id: In([...ids]) }), (c) => c.id)),
    callsByPublisherId: new DataLoader(async (ids) =>
      groupByKeys(
        ids,
        await repo(Call).find({ where: { publisherId: In([...ids]) }, order: { createdAt: 'ASC', id: 'ASC' } }),
        (row) => row.publisherId,
      ),
    ),
    datasetIdsByCallId: new DataLoader(async (ids) =>
      groupByKeys(ids, await repo(CallDataset).find({ where: { callId: In([...ids]) }, order: { datasetId: 'ASC' } }), (row) => row.callId).map(
        (rows) => rows.map((row) => row.datasetId),
      ),
    ),
    eventIdsByCallId: new DataLoader(async (ids) =>
      groupByKeys(
        ids,
        await repo(Event).find({ select: { id: true, callId: true }, where: { callId: In([...ids]) } }),
        (row) => row.callId as string,
      ).map((rows) => rows.map((row) => row.id)),
    ),
    expressionsOfInterestByCallId: new DataLoader(async (ids) =>
      groupByKeys(
        ids,
        await repo(ExpressionOfInterest).find({ where: { callId: In([...ids]) }, order: { submittedAt: 'ASC', id: 'ASC' } }),
        (row) => row.callId,
      ),
    ),
  };
}
