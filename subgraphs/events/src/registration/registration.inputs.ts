import { IsOptional, IsUUID } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { InputArgs } from '../common/input-args';
import { AttendanceMode } from '../event/event.enums';

@InputType({ description: 'A registration to an event.' })
export class RegisterInput {
  @Field(() => ID, { description: 'The event.' })
  @IsUUID()
  eventId!: string;

  @Field(() => ID, { nullable: true, description: 'Person to register; default the viewer. Someone else: admins only (a registration needs the person\u2019s consent).' })
  @IsOptional()
  @IsUUID()
  personId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Organisation the person comes for; default the viewer\u2019s.' })
  @IsOptional()
  @IsUUID()
  organizationId?: string | null;

  @Field(() => AttendanceMode, { nullable: true, description: 'How the person attends a MIXED event (OFFLINE or ONLINE).' })
  @IsOptional()
  mode?: AttendanceMode | null;
}

@ArgsType()
export class RegisterArgs extends InputArgs(RegisterInput, 'The registration.') {}
