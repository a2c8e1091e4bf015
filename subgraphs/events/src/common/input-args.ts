import { ValidateNested } from 'class-validator';
import { ArgsType, Field, type ClassType } from 'type-graphql';

/**
 * Arguments `(input: X!)` validated as a nested object, so that class-validator errors name the
 * field as `input.<field>`, like the services' own BAD_USER_INPUT errors.
 */
export function InputArgs<T extends object>(inputType: ClassType<T>, description: string): ClassType<{ input: T }> {
  @ArgsType()
  class Args {
    @Field(() => inputType, { description })
    @ValidateNested()
    input!: T;
  }
  return Args;
}
