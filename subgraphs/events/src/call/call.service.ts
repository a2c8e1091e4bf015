import { AppError, authorizeMutation, BadUserInputError, ErrorCode, foldForSearch, newId, paginate, type Connection, type Viewer, runTransaction, isUniqueViolation } from '@ecosystem/shared';
import { type DataSource, In } from 'typeorm';
import { assertCanOrganise, notFound } from '../common/authorization';
import { sqlDateTime } from '../common/sql-date';
import { EventOrganizer } from '../event/event-organizer.entity';
import { Event } from '../event/event.entity';
import { EventKind } from '../event/event.enums';
import { CallDataset } from './call-dataset.entity';
import { Call } from './call.entity';
import { CallStatus } from './call.enums';
import { type CallsArgs, type ExpressionOfInterestInput, type PublishCallInput } from './call.inputs';
import { ExpressionOfInterest } from './expression-of-interest.entity';

/** Calls for expressions of interest: list, publication, submissions. */
export class CallService {
  constructor(private readonly dataSource: DataSource) {}

  async list(args: CallsArgs): Promise<Connection<Call>> {
    const filter = args.filter ?? {};
    const query = this.dataSource.getRepository(Call).createQueryBuilder('call');
    if (filter.statuses?.length) query.andWhere('call.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.kinds?.length) query.andWhere('call.kind IN (:...kinds)', { kinds: filter.kinds });
    // Themes are slugs (lower-case words joined by dashes): "Breast cancer" and "breast-cancer" find the same calls.
    if (filter.theme?.trim()) query.andWhere('call.theme = :theme', { theme: foldForSearch(filter.theme).replace(/ /g, '-') });
    if (filter.publisherId) query.andWhere('call.publisherId = :publisherId', { publisherId: filter.publisherId });
    return paginate(query, 'call', { column: 'call.createdAt', valueOf: (c) => sqlDateTime(c.createdAt) }, args);
  }

  async publish(input: PublishCallInput, viewer: Viewer | null, now = new Date()): Promise<Call> {
    assertCanOrganise(viewer, [input.publisherId]);
    const today = now.toISOString().slice(0, 10);
    const opensOn = input.opensAt ?? today;
    if (input.deadline <= now) throw new BadUserInputError('The deadline must be in the future', 'input.deadline');
    if (input.deadline.toISOString().slice(0, 10) < opensOn) {
      throw new BadUserInputError('The deadline must come after the opening day', 'input.deadline');
    }
    const eventIds = [...new Set([...input.infoSessionIds, ...(input.followUpHackathonId ? [input.followUpHackathonId] : [])])];
    const events = eventIds.length ? await this.dataSource.getRepository(Event).findBy({ id: In(eventIds) }) : [];
    for (const id of input.infoSessionIds) {
      if (!events.some((e) => e.id === id)) throw notFound('Event', id, 'input.infoSessionIds');
    }
    if (input.followUpHackathonId) {
      const hackathon = events.find((e) => e.id === input.followUpHackathonId);
      if (!hackathon) throw notFound('Event', input.followUpHackathonId, 'input.followUpHackathonId');
      if (hackathon.kind !== EventKind.HACKATHON) {
        throw new BadUserInputError('The follow-up event must be a hackathon', 'input.followUpHackathonId');
      }
    }
    if (events.some((e) => e.callId)) {
      throw new BadUserInputError('An event already belongs to another call', 'input.infoSessionIds');
    }
    if (eventIds.length) {
      const organisers = await this.dataSource.getRepository(EventOrganizer).findBy({ eventId: In(eventIds) });
      for (const id of eventIds) assertCanOrganise(viewer, organisers.filter((o) => o.eventId === id).map((o) => o.organizationId));
    }
    const call = Object.assign(new Call(), {
      id: newId(),
      kind: input.kind,
      title: input.title.trim(),
      theme: input.theme,
      description: input.description ?? null,
      publisherId: input.publisherId,
      ecosystemId: input.ecosystemId ?? null,
      opensOn,
      deadline: input.deadline,
      status: opensOn > today ? CallStatus.PLANNED : CallStatus.OPEN,
      followUpHackathonId: input.followUpHackathonId ?? null,
      createdAt: now,
    });
    await runTransaction(this.dataSource, async (manager) => {
      await manager.insert(Call, call);
      const datasetIds = [...new Set(input.expectedDatasetIds)];
      if (datasetIds.length) await manager.insert(CallDataset, datasetIds.map((datasetId) => ({ callId: call.id, datasetId })));
      if (eventIds.length) await manager.update(Event, { id: In(eventIds) }, { callId: call.id, updatedAt: now });
    });
    return call;
  }

  async submitExpressionOfInterest(input: ExpressionOfInterestInput, viewer: Viewer | null, now = new Date()): Promise<ExpressionOfInterest> {
    const who = authorizeMutation(viewer, 'submitExpressionOfInterest', { orgIds: [input.organizationId] }, 'You may only express interest for the organisation you act for');
    const call = await this.dataSource.getRepository(Call).findOneBy({ id: input.callId });
    if (!call) throw notFound('Call', input.callId, 'input.callId');
    const open = call.status === CallStatus.OPEN && (!call.deadline || call.deadline >= now) && (!call.opensOn || call.opensOn <= now.toISOString().slice(0, 10));
    if (!open) {
      throw new AppError(ErrorCode.CONFLICT, 'This call does not accept expressions of interest now', {
        field: 'input.callId',
        reason: 'CALL_NOT_OPEN',
        status: call.status,
      });
    }
    const repo = this.dataSource.getRepository(ExpressionOfInterest);
    const duplicate = (): AppError =>
      new AppError(ErrorCode.CONFLICT, 'This organisation has already expressed interest in this call', {
        field: 'input.organizationId',
        reason: 'ALREADY_SUBMITTED',
      });
    if (await repo.existsBy({ callId: call.id, organizationId: input.organizationId })) throw duplicate();
    const expression = Object.assign(new ExpressionOfInterest(), {
      id: newId(),
      callId: call.id,
      organizationId: input.organizationId,
      submittedById: who.sub,
      datasetIds: [...new Set(input.datasetIds)],
      message: input.message ?? null,
      submittedAt: now,
    });
    await runTransaction(this.dataSource, async (manager) => {
      try {
        await manager.insert(ExpressionOfInterest, expression);
      } catch (error) {
        if (isUniqueViolation(error)) throw duplicate();
        throw error;
      }
    });
    return expression;
  }
}
