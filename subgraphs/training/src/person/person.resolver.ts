import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { type TrainingContext } from '../context';
import { Enrolment } from '../enrolment/enrolment.entity';
import { learningDataScope } from '../enrolment/enrolment.policy';
import { Persona } from '../persona/persona.entity';
import { Person } from './person.stub';

/** Fields the training subgraph contributes to members' Person. */
@Resolver(() => Person)
export class PersonTrainingResolver {
  @FieldResolver(() => [Enrolment], {
    nullable: true,
    description:
      'The person’s enrolments, newest first. The person and admins see all of them; their employer’s training managers see those made with that employer.',
  })
  async enrolments(@Root() person: Person, @Ctx() context: TrainingContext): Promise<Enrolment[]> {
    const { employerId } = learningDataScope(context.viewer, person.id);
    return context.loaders.enrolmentsByPerson.load({ personId: person.id, employerId });
  }

  @FieldResolver(() => Persona, {
    nullable: true,
    description: 'The persona that best matches the person’s job title (needs jobTitle from the members subgraph).',
  })
  @Directive('@requires(fields: "jobTitle")')
  async suggestedPersona(@Root() person: Person, @Ctx() context: TrainingContext): Promise<Persona | null> {
    if (!person.jobTitle?.trim()) return null;
    return context.loaders.personaByJobTitle.load(person.jobTitle);
  }
}
