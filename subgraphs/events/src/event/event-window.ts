import { MAX_PAGE_SIZE, pageSize, upperBound } from '@ecosystem/shared';
import { IsOptional } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';
import { type EventWindow } from './event.loaders';

/** Events a list field returns when the client does not say `first`. */
export const EVENT_LIST_DEFAULT_SIZE = 50;

/** The window arguments of every list of events on another subgraph's entity (see EventWindow). */
@ArgsType()
export class EventWindowArgs {
  @Field(() => Date, { nullable: true, description: 'Events that end at or after this instant (a plain day, e.g. 2024-01-01: from the start of that day in Europe/Paris).' })
  @IsOptional()
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Events that start before this instant (a plain day, e.g. 2024-01-31: up to the end of that day in Europe/Paris, included).' })
  @IsOptional()
  to?: Date | null;

  @Field(() => Int, {
    defaultValue: EVENT_LIST_DEFAULT_SIZE,
    description: `At most this many (default ${EVENT_LIST_DEFAULT_SIZE}, at most ${MAX_PAGE_SIZE}).`,
  })
  first?: number | null = EVENT_LIST_DEFAULT_SIZE;
}

/** The window the arguments ask for; BAD_USER_INPUT on `first` outside 0..MAX_PAGE_SIZE (null: the default). */
export function eventWindow({ from, to, first }: EventWindowArgs): EventWindow {
  return { from: from ?? null, to: upperBound(to) ?? null, first: pageSize(first ?? EVENT_LIST_DEFAULT_SIZE) };
}
