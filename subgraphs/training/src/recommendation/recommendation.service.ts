import { BadUserInputError, ForbiddenError, hasRole, NotFoundError, Role, UnauthenticatedError } from '@ecosystem/shared';
import { type TrainingContext } from '../context';
import { type Competency } from '../competency/competency.entity';
import { COMPLETED_STATUSES, OPEN_STATUSES } from '../enrolment/enrolment.enums';
import { type Enrolment } from '../enrolment/enrolment.entity';
import { type Module } from '../module/module.entity';
import { planSteps } from '../path/path-planner';
import { type ModuleRecommendation } from './recommendation.types';

/**
 * Recommendations: the modules that close the gaps between the requirements of a person's persona
 * and what they have completed, prerequisites first. Personal data: the person, their employer's
 * training managers and admins only.
 */
export class RecommendationService {
  constructor(private readonly context: TrainingContext) {}

  async recommend(personId: string, personaId: string | null | undefined): Promise<ModuleRecommendation[]> {
    const { viewer, loaders } = this.context;
    if (!viewer) throw new UnauthenticatedError();
    const enrolments = await loaders.enrolmentsByPerson.load({ personId, employerId: null });
    const allowed =
      viewer.sub === personId ||
      hasRole(viewer, Role.ADMIN) ||
      (viewer.roles.includes(Role.TRAINING_MANAGER) && Boolean(viewer.org) && enrolments.some((e) => e.employerId === viewer.org));
    if (!allowed) {
      throw new ForbiddenError('Only the person, their employer’s training managers and admins can see their recommendations');
    }
    const persona = personaId ?? (await this.personaFromPaths(enrolments));
    if (!persona) {
      throw new BadUserInputError('No persona is known for this person: pass personaId (e.g. Person.suggestedPersona)', 'personaId');
    }
    if (!(await loaders.personaById.load(persona))) throw new NotFoundError('Persona', persona);
    const [catalogue, requirements] = await Promise.all([
      loaders.catalogueGraph.load('all'),
      loaders.requirementsByPersonaId.load(persona),
    ]);
    const completed = new Set(enrolments.filter((e) => COMPLETED_STATUSES.includes(e.status)).map((e) => e.moduleId));
    const open = new Set(enrolments.filter((e) => OPEN_STATUSES.includes(e.status)).map((e) => e.moduleId));
    const steps = planSteps({ modules: catalogue.modules, graph: catalogue.graph, requirements, completed });
    return Promise.all(
      steps.map(async (step, index) => ({
        order: index + 1,
        module: (await loaders.moduleById.load(step.moduleId)) as Module,
        optional: step.optional,
        closes: (await Promise.all(step.closes.map((id) => loaders.competencyById.load(id)))).filter(
          (c): c is Competency => c !== null,
        ),
        enrolled: open.has(step.moduleId),
      })),
    );
  }

  /** The persona of the path of the person's latest enrolment made as part of a path. */
  private async personaFromPaths(enrolments: Enrolment[]): Promise<string | null> {
    const latest = enrolments.find((e) => e.pathId);
    if (!latest?.pathId) return null;
    return (await this.context.loaders.pathById.load(latest.pathId))?.personaId ?? null;
  }
}
