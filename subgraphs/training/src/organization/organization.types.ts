import { Field, Int, ObjectType } from 'type-graphql';
import { Domain } from '../catalogue/domain.entity';

@ObjectType({ description: 'Enrolments and completions of an organisation’s people in one domain.' })
export class DomainLearningStats {
  @Field(() => Domain, { description: 'The domain.' })
  domain!: Domain;

  @Field(() => Int, { description: 'Enrolments, whatever their status.' })
  enrolments!: number;

  @Field(() => Int, { description: 'Enrolments COMPLETED or PASSED.' })
  completions!: number;
}

@ObjectType({ description: 'Learning activity of an organisation’s people (enrolments made with it as employer).' })
export class LearningStats {
  @Field(() => Int, { description: 'Enrolments, whatever their status.' })
  enrolments!: number;

  @Field(() => Int, { description: 'Enrolments COMPLETED or PASSED.' })
  completions!: number;

  @Field(() => [DomainLearningStats], { description: 'The same, per domain (domains with enrolments only).' })
  byDomain!: DomainLearningStats[];
}
