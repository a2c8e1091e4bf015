import { ArrayMaxSize, IsOptional } from 'class-validator';
import { ArgsType, Field, InputType, Int } from 'type-graphql';
import { EventKind } from './event.enums';

@InputType({ description: 'Filters of the event list; all given filters must match.' })
export class EventFilter {
  @Field(() => Date, { nullable: true, description: 'Keep events that end at or after this instant.' })
  @IsOptional()
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Keep events that start before this instant.' })
  @IsOptional()
  to?: Date | null;

  @Field(() => [EventKind], { nullable: true, description: 'Any of these kinds.' })
  @IsOptional()
  @ArrayMaxSize(20)
  kinds?: EventKind[] | null;
}

@ArgsType()
export class EventsArgs {
  @Field(() => EventFilter, { nullable: true, description: 'What to keep.' })
  filter?: EventFilter | null;

  @Field(() => Int, { nullable: true, description: 'Page size (default 20, at most 200).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts (pageInfo.endCursor).' })
  after?: string | null;
}
