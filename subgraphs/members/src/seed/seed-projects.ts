import { DEMO_CALLS, DEMO_ECOSYSTEMS, demoId, demoOrganization, demoOrganizations, demoProjectIds, seededFaker, type SeedWriter } from '@ecosystem/shared';
import { type EntityManager } from 'typeorm';
import { ProjectParticipation } from '../project/participation.entity';
import { ProjectFunding, ProjectLabel } from '../project/project-side.entity';
import { Project } from '../project/project.entity';
import { FundingScheme, ProjectRole, ProjectStatus } from '../project/project.enums';

/** Figures of the seed articles (Medicen, 2020): 40 labelled and funded projects, > 150 M EUR, 11 EU/international. */
export const DEMO_FUNDED_PROJECTS = 40;
export const DEMO_INTERNATIONAL_PROJECTS = 11;

const AREAS = ['cardiovascular', 'oncology', 'breast cancer', 'diabetes', 'rare diseases', 'mental health', 'neurology', 'infectiology', 'pediatrics'];
const NATIONAL = [FundingScheme.BPIFRANCE, FundingScheme.ANR, FundingScheme.REGION_IDF, FundingScheme.FRANCE_2030, FundingScheme.PRIVATE];
const WORDS = ['CARDIO', 'ONCO', 'NEURO', 'DIAB', 'IMAGE', 'TWIN', 'DATA', 'CARE', 'GEN', 'PREDICT', 'SENSE', 'TRIAL', 'FHIR', 'RWE', 'PATH'];

interface Plan {
  status: ProjectStatus;
  budget: bigint;
  international: boolean;
}

/** 200 projects (shared `demoProjectIds()`): 40 labelled and funded for > 150 M EUR (11 EU/international), the rest in other statuses. */
function plans(): Plan[] {
  const faker = seededFaker(4040);
  const out: Plan[] = [];
  for (let i = 0; i < 200; i++) {
    if (i < DEMO_FUNDED_PROJECTS) {
      // 3.0 M EUR + i x 50 k EUR: 159.0 M EUR for the 40.
      const status = i < 12 ? ProjectStatus.COMPLETED : i < 30 ? ProjectStatus.RUNNING : ProjectStatus.FUNDED;
      out.push({ status, budget: (3_000_000n + BigInt(i) * 50_000n) * 100n, international: i % 4 === 1 || i === 2 });
    } else {
      const status = i < 90 ? ProjectStatus.LABELLED : i < 150 ? ProjectStatus.SUBMITTED : ProjectStatus.REJECTED;
      out.push({ status, budget: BigInt(faker.number.int({ min: 300, max: 3000 })) * 1000_00n + 50n, international: false });
    }
  }
  return out;
}

export function seedProjects(seed: SeedWriter, manager: EntityManager): number {
  const faker = seededFaker(4041);
  const ids = demoProjectIds();
  const medicen = DEMO_ECOSYSTEMS.find((e) => e.code === 'MEDICEN')!.id;
  const campus = DEMO_ECOSYSTEMS.find((e) => e.code === 'PSC')!.id;
  const members = demoOrganizations().filter((o) => o.memberships.some((m) => m.ecosystem === 'MEDICEN') && o.kind !== 'CLUSTER');
  const hospitals = demoOrganizations().filter((o) => o.kind === 'HOSPITAL');
  const projects: Project[] = [];
  const fundings: ProjectFunding[] = [];
  const labels: ProjectLabel[] = [];
  const participations: ProjectParticipation[] = [];
  plans().forEach((plan, i) => {
    const id = ids[i] as string;
    const n = String(i + 1).padStart(3, '0');
    const call = i < 120 ? DEMO_CALLS[i % DEMO_CALLS.length] : undefined;
    const area = call?.key === 'ami-cardio' ? 'cardiovascular' : call?.key === 'ami-breast-cancer' ? 'breast cancer' : faker.helpers.arrayElement(AREAS);
    const named = i === 0 ? { acronym: 'MEDITWIN', title: 'Meditwin : jumeaux numériques de santé (Dassault Systèmes, INRIA)' } : null;
    const year = 2016 + (i % 8);
    const labelled = plan.status !== ProjectStatus.SUBMITTED && plan.status !== ProjectStatus.REJECTED;
    const international = plan.international;
    const project = manager.create(Project, {
      id,
      acronym: named?.acronym ?? `${faker.helpers.arrayElement(WORDS)}-${faker.helpers.arrayElement(WORDS)}-${n}`,
      title: named?.title ?? `Projet ${area} : ${faker.company.catchPhrase()}`,
      status: plan.status,
      labelDate: labelled ? `${year}-0${1 + (i % 9)}-15` : null,
      totalBudgetCents: plan.budget.toString(),
      publicFundingCents: ((plan.budget * 45n) / 100n).toString(),
      currency: 'EUR',
      startDate: `${year}-10-01`,
      endDate: `${year + 3}-09-30`,
      trl: 3 + (i % 5),
      international,
      therapeuticAreas: [area],
      callId: call?.id ?? null,
    });
    project.fold();
    projects.push(project);
    const schemes = international
      ? [i % 8 === 1 ? FundingScheme.HORIZON_EUROPE : FundingScheme.EU4HEALTH]
      : i === 0
        ? [FundingScheme.FRANCE_2030]
        : [faker.helpers.arrayElement(NATIONAL)];
    for (const scheme of schemes) fundings.push({ projectId: id, scheme });
    if (labelled) {
      labels.push({ projectId: id, ecosystemId: medicen });
      if (i % 5 === 0) labels.push({ projectId: id, ecosystemId: campus });
    }
    const consortium = named
      ? [demoOrganization('dassault-systemes'), demoOrganization('inria'), demoOrganization('inserm')]
      : faker.helpers.arrayElements(members, 3);
    const hospital = faker.helpers.arrayElement(hospitals);
    if (!consortium.some((o) => o.id === hospital.id)) consortium.push(hospital);
    const roles = [ProjectRole.COORDINATOR, ProjectRole.PARTNER, ProjectRole.DATA_PROVIDER, ProjectRole.CLINICAL_SITE];
    // Shares: 40 %, 25 %, 20 %, 15 % of the budget.
    const shares = [40n, 25n, 20n, 15n];
    consortium.forEach((org, k) => {
      participations.push({
        id: demoId('participation', `${n}:${org.key}`),
        projectId: id,
        organizationId: org.id,
        role: roles[k] ?? ProjectRole.PARTNER,
        budgetShareCents: ((plan.budget * (shares[k] ?? 0n)) / 100n).toString(),
        currency: 'EUR',
      });
    });
  });
  seed.add(Project, projects, 100);
  seed.add(ProjectFunding, fundings);
  seed.add(ProjectLabel, labels);
  seed.add(ProjectParticipation, participations);
  return projects.length;
}
