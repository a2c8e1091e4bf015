import { ConnectionType, DateRange, Money } from '@ecosystem/shared';
import { Arg, Args, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { money } from '../common/money';
import { type MembersContext } from '../context';
import { Ecosystem } from '../ecosystem/ecosystem.entity';
import { Organization } from '../organization/organization.entity';
import { Call } from './call.stub';
import { ProjectParticipation } from './participation.entity';
import { Project } from './project.entity';
import { FundingScheme } from './project.enums';
import { AddParticipantArgs, CreateProjectArgs, ProjectsArgs, TransitionProjectArgs } from './project.inputs';
import { ProjectService } from './project.service';

@ObjectType({ description: 'A page of projects, with the budget total of every project matching the filter.' })
export class ProjectConnection extends ConnectionType(Project, 'Project') {
  @Field(() => [Money], { description: 'Sum of the total budgets of the filtered projects (all pages), one entry per currency.' })
  budgetTotals!: Money[];
}

const toDate = (day: string | null): Date | null => (day ? new Date(`${day}T00:00:00.000Z`) : null);

@Resolver(() => Project)
export class ProjectResolver {
  @Query(() => Project, { nullable: true, description: 'One project by id.' })
  async project(@Arg('id', () => ID, { description: 'Project id.' }) id: string, @Ctx() context: MembersContext): Promise<Project | null> {
    return context.loaders.projectById.load(id);
  }

  @Query(() => ProjectConnection, { nullable: true, description: 'R&D projects, filtered and paginated by acronym, with the budget total of the filtered set.' })
  async projects(@Args() args: ProjectsArgs, @Ctx() context: MembersContext): Promise<ProjectConnection> {
    return (await new ProjectService(context.dataSource).list(args)) as unknown as ProjectConnection;
  }

  @FieldResolver(() => [Ecosystem], { description: 'Ecosystems that labelled the project.' })
  async labelledBy(@Root() project: Project, @Ctx() context: MembersContext): Promise<Ecosystem[]> {
    const ids = await context.loaders.labelEcosystemIdsByProjectId.load(project.id);
    const ecosystems = await context.loaders.ecosystemById.loadMany(ids);
    return ecosystems.filter((e): e is Ecosystem => e !== null && !(e instanceof Error));
  }

  @FieldResolver(() => [FundingScheme], { description: 'Funding schemes of the project.' })
  async fundingScheme(@Root() project: Project, @Ctx() context: MembersContext): Promise<FundingScheme[]> {
    return context.loaders.fundingSchemesByProjectId.load(project.id);
  }

  @FieldResolver(() => Money, { nullable: true, description: 'Total budget, exact.' })
  totalBudget(@Root() project: Project): Money | null {
    return money(project.totalBudgetCents, project.currency);
  }

  @FieldResolver(() => Money, { nullable: true, description: 'Public funding obtained or asked for, exact.' })
  publicFunding(@Root() project: Project): Money | null {
    return money(project.publicFundingCents, project.currency);
  }

  @FieldResolver(() => DateRange, { nullable: true, description: 'Start and end of the project.' })
  period(@Root() project: Project): DateRange | null {
    if (!project.startDate && !project.endDate) return null;
    return { start: toDate(project.startDate), end: toDate(project.endDate) };
  }

  @FieldResolver(() => [ProjectParticipation], { description: 'The consortium: organisations, roles and budget shares.' })
  async participants(@Root() project: Project, @Ctx() context: MembersContext): Promise<ProjectParticipation[]> {
    return context.loaders.participationsByProjectId.load(project.id);
  }

  @FieldResolver(() => Call, { nullable: true, description: 'The call for projects the project answered (resolved by events).' })
  call(@Root() project: Project): Call | null {
    return project.callId ? Call.ref(project.callId) : null;
  }

  @Mutation(() => Project, { description: 'Submits a project (admins, or managers of the coordinating organisation).' })
  async createProject(@Args() { input }: CreateProjectArgs, @Ctx() context: MembersContext): Promise<Project> {
    return new ProjectService(context.dataSource).create(input, context.viewer);
  }

  @Mutation(() => Project, {
    description:
      'Moves a project along SUBMITTED -> LABELLED -> FUNDED -> RUNNING -> COMPLETED (or REJECTED); labelling, funding and rejection are for admins.',
  })
  async transitionProject(@Args() { input }: TransitionProjectArgs, @Ctx() context: MembersContext): Promise<Project> {
    return new ProjectService(context.dataSource).transition(input, context.viewer);
  }

  @Mutation(() => ProjectParticipation, { description: 'Adds an organisation to a project (admins, or managers of the coordinator).' })
  async addParticipant(@Args() { input }: AddParticipantArgs, @Ctx() context: MembersContext): Promise<ProjectParticipation> {
    return new ProjectService(context.dataSource).addParticipant(input, context.viewer);
  }
}

@Resolver(() => ProjectParticipation)
export class ProjectParticipationResolver {
  @FieldResolver(() => Organization, { nullable: true, description: 'The participating organisation.' })
  async organization(@Root() participation: ProjectParticipation, @Ctx() context: MembersContext): Promise<Organization | null> {
    return context.loaders.organizationById.load(participation.organizationId);
  }

  @FieldResolver(() => Project, { nullable: true, description: 'The project.' })
  async project(@Root() participation: ProjectParticipation, @Ctx() context: MembersContext): Promise<Project | null> {
    return context.loaders.projectById.load(participation.projectId);
  }

  @FieldResolver(() => Money, { nullable: true, description: 'Share of the budget, exact.' })
  budgetShare(@Root() participation: ProjectParticipation): Money | null {
    return money(participation.budgetShareCents, participation.currency);
  }
}

@Resolver(() => Call)
export class CallResolver {
  @FieldResolver(() => [Project], { nullable: true, description: 'Projects submitted in answer to this call.' })
  async resultingProjects(@Root() call: Call, @Ctx() context: MembersContext): Promise<Project[]> {
    return context.loaders.projectsByCallId.load(call.id);
  }
}
