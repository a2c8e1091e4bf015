import { AddressInput } from '@ecosystem/shared';
import {
  ArrayMaxSize,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsUUID,
  IsUrl,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { Format } from '../catalogue/catalogue.enums';

@InputType({ description: 'A new session of a published module.' })
export class ScheduleSessionInput {
  @Field(() => ID, { description: 'The module.' })
  @IsUUID()
  moduleId!: string;

  @Field(() => Format, { description: 'How this session is delivered; one of the module’s formats.' })
  @IsEnum(Format)
  courseMode!: Format;

  @Field(() => Date, { description: 'Start; in the future.' })
  @IsDate()
  startsAt!: Date;

  @Field(() => Date, { description: 'End; after the start, at most a year later.' })
  @IsDate()
  endsAt!: Date;

  @Field(() => AddressInput, { nullable: true, description: 'Where, for IN_PERSON and BLENDED sessions (required for them).' })
  @IsOptional()
  @ValidateNested()
  place?: AddressInput | null;

  @Field(() => String, { nullable: true, description: 'Virtual classroom link, for VIRTUAL_CLASS and E_LEARNING sessions (required for them).' })
  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true })
  virtualUrl?: string | null;

  @Field(() => ID, { description: 'The training partner delivering it; one of the module’s providers.' })
  @IsUUID()
  providerId!: string;

  @Field(() => [ID], { defaultValue: [], description: 'Instructors (Person ids).' })
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  instructorIds!: string[];

  @Field(() => Int, { nullable: true, description: 'Seats, 1 to 1,000; omit for unlimited self-paced e-learning only.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  capacity?: number | null;

  @Field(() => ID, { nullable: true, description: 'The Event (events subgraph) publishing this session, if any.' })
  @IsOptional()
  @IsUUID()
  eventId?: string | null;
}

@ArgsType()
export class ScheduleSessionArgs {
  @Field(() => ScheduleSessionInput, { description: 'The session.' })
  @ValidateNested()
  input!: ScheduleSessionInput;
}
