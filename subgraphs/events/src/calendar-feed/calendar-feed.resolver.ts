import { Arg, Authorized, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { type EventsContext } from '../context';
import { CalendarFeed } from './calendar-feed.entity';
import { CalendarFeedService } from './calendar-feed.service';
import { ICAL_PATHS } from '../event/event.ical';

@ObjectType({ description: 'A new private calendar feed: the token and URL are shown only this once.' })
export class CreatedCalendarFeed {
  @Field(() => CalendarFeed, { description: 'The feed.' })
  feed!: CalendarFeed;

  @Field({ description: 'Secret token; whoever has it can read the feed until it is revoked.' })
  token!: string;

  @Field({ description: 'Path of the feed on the events service (subscribe with webcal:// or https://).' })
  path!: string;
}

@Resolver()
export class CalendarFeedResolver {
  @Authorized()
  @Query(() => [CalendarFeed], { nullable: true, description: 'The viewer\u2019s calendar feeds (tokens are never shown again).' })
  async myCalendarFeeds(@Ctx() context: EventsContext): Promise<CalendarFeed[]> {
    return new CalendarFeedService(context.dataSource).mine(context.viewer);
  }

  @Authorized()
  @Mutation(() => CreatedCalendarFeed, { description: 'Creates a private iCalendar feed of the viewer\u2019s registrations.' })
  async createCalendarFeed(@Ctx() context: EventsContext): Promise<CreatedCalendarFeed> {
    const { feed, token } = await new CalendarFeedService(context.dataSource).create(context.viewer);
    return { feed, token, path: ICAL_PATHS.feed(token) };
  }

  @Authorized()
  @Mutation(() => CalendarFeed, { description: 'Revokes a calendar feed: its URL answers 404 from now on.' })
  async revokeCalendarFeed(@Arg('id', () => ID, { description: 'Feed id.' }) id: string, @Ctx() context: EventsContext): Promise<CalendarFeed> {
    return new CalendarFeedService(context.dataSource).revoke(id, context.viewer);
  }
}
