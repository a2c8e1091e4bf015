import { Field, Int, ObjectType } from 'type-graphql';
import { Competency } from '../competency/competency.entity';
import { Module } from '../module/module.entity';

@ObjectType({ description: 'A module recommended to a person, in prerequisite order.' })
export class ModuleRecommendation {
  @Field(() => Int, { description: 'Position in the recommended sequence, from 1.' })
  order!: number;

  @Field(() => Module, { description: 'The module.' })
  module!: Module;

  @Field({ description: 'Serves only optional requirements of the persona.' })
  optional!: boolean;

  @Field(() => [Competency], { description: 'Gaps (required competencies not yet acquired) this module closes.' })
  closes!: Competency[];

  @Field({ description: 'The person already has an open enrolment in this module.' })
  enrolled!: boolean;
}
