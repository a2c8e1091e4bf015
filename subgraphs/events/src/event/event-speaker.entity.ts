import { EnumColumn, IdColumn, RefColumn } from '@ecosystem/shared';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';

export enum SpeakerKind {
  SPEAKER = 'SPEAKER',
  MODERATOR = 'MODERATOR',
  KEYNOTE = 'KEYNOTE',
  DATA_PRODUCER = 'DATA_PRODUCER',
  JURY = 'JURY',
  MENTOR = 'MENTOR',
}

registerEnumType(SpeakerKind, {
  name: 'SpeakerKind',
  description: 'The part a person plays on stage.',
  valuesConfig: {
    SPEAKER: { description: 'Gives a talk.' },
    MODERATOR: { description: 'Moderates the session or panel.' },
    KEYNOTE: { description: 'Keynote speaker.' },
    DATA_PRODUCER: { description: 'Presents a dataset as its producer (MeetMyData).' },
    JURY: { description: 'Member of a jury (hackathon, pitch).' },
    MENTOR: { description: 'Mentors teams (hackathon).' },
  },
});

@ObjectType('SpeakerRole', { description: 'A person speaking at an event, in a role (schema.org performer/organizer roles).' })
@Entity('event_speaker')
@Index('idx_event_speaker_event', ['eventId', 'position'])
@Index('idx_event_speaker_person', ['personId'])
@Index('uq_event_speaker', ['eventId', 'personId', 'role'], { unique: true })
export class EventSpeaker {
  @Field(() => ID, { description: 'Opaque, stable id.' })
  @IdColumn()
  id!: string;

  @RefColumn()
  eventId!: string;

  @RefColumn()
  personId!: string;

  @RefColumn({ nullable: true })
  organizationId!: string | null;

  @Field(() => SpeakerKind, { description: 'Role of the person.' })
  @EnumColumn()
  role!: SpeakerKind;

  @Field(() => String, { nullable: true, description: 'Title of the talk, if any.' })
  @Column({ type: 'varchar', length: 255, nullable: true })
  talkTitle!: string | null;

  /** Order on the programme. */
  @Column({ type: 'int', default: 0 })
  position!: number;
}
