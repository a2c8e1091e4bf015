import { RefPrimaryColumn } from '@ecosystem/shared';
import { Column, Entity } from 'typeorm';
import { Field, Int, ObjectType } from 'type-graphql';

/** How the campus hosts an event: room, local seats, streaming. */
@Entity('event_logistics')
@ObjectType({ description: 'How the partner campus hosts an event.' })
export class EventLogistics {
  /** The event's id in the events subgraph. */
  @RefPrimaryColumn()
  eventId!: string;

  @Field({ description: 'Room on the campus.' })
  @Column({ type: 'varchar', length: 120 })
  room!: string;

  @Field(() => Int, { description: 'Seats the campus offers for the event.' })
  @Column({ name: 'local_seats', type: 'int' })
  localSeats!: number;

  @Field(() => String, { nullable: true, description: 'Where the campus streams the event, if it does.' })
  @Column({ name: 'streaming_url', type: 'varchar', length: 500, nullable: true })
  streamingUrl!: string | null;
}
