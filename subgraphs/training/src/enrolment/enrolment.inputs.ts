import {
  IsInt,
  IsNumber,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'An enrolment in a session, or in a self-paced module (give one of sessionId and moduleId).' })
export class EnrolInput {
  @Field(() => ID, { nullable: true, description: 'The session to enrol in; its module is implied.' })
  @IsOptional()
  @IsUUID()
  sessionId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The module, for self-paced learning without a session.' })
  @IsOptional()
  @IsUUID()
  moduleId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The learner (a Person id); default: the viewer.' })
  @IsOptional()
  @IsUUID()
  learnerId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The employer the training is followed for; default: the viewer’s organisation.',
  })
  @IsOptional()
  @IsUUID()
  employerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The learning path this enrolment is a step of.' })
  @IsOptional()
  @IsUUID()
  pathId?: string | null;
}

@InputType({ description: 'The end of an enrolment: an optional assessment score and satisfaction.' })
export class CompleteEnrolmentInput {
  @Field(() => ID, { description: 'The enrolment.' })
  @IsUUID()
  enrolmentId!: string;

  @Field(() => Float, {
    nullable: true,
    description: 'Assessment score from 0 to 100; 50 or more passes. Without a score the enrolment is COMPLETED.',
  })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100)
  score?: number | null;

  @Field(() => Int, { nullable: true, description: 'Satisfaction from 1 to 5.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  satisfaction?: number | null;
}

@InputType({ description: 'Progress of a learner in an enrolment.' })
export class RecordProgressInput {
  @Field(() => ID, { description: 'The enrolment.' })
  @IsUUID()
  enrolmentId!: string;

  @Field(() => Float, { description: 'Share of the module done, from 0 to 1.' })
  @IsNumber()
  @Min(0)
  @Max(1)
  progress!: number;
}

@ArgsType()
export class EnrolArgs {
  @Field(() => EnrolInput, { description: 'What and who.' })
  @ValidateNested()
  input!: EnrolInput;
}

@ArgsType()
export class RecordProgressArgs {
  @Field(() => RecordProgressInput, { description: 'The progress.' })
  @ValidateNested()
  input!: RecordProgressInput;
}

@ArgsType()
export class CompleteEnrolmentArgs {
  @Field(() => CompleteEnrolmentInput, { description: 'The outcome.' })
  @ValidateNested()
  input!: CompleteEnrolmentInput;
}
