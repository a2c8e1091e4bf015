import { type Level, levelRank } from '../catalogue/catalogue.enums';
import { prerequisiteOrder, type PrerequisiteGraph, withPrerequisites } from '../module/prerequisite-graph';
import { Priority } from '../persona/persona.enums';

/** What the planner needs to know about a module. */
export interface PlannerModule {
  id: string;
  code: string;
  level: Level;
  /** Ids of the competencies the module teaches. */
  teaches: readonly string[];
}

export interface PlannerRequirement {
  competencyId: string;
  requiredLevel: Level;
  priority: Priority;
}

export interface PlannedStep {
  moduleId: string;
  /** Serves only optional requirements (and is not a prerequisite of an essential step). */
  optional: boolean;
  /** Unmet requirements this module closes (competency ids). */
  closes: string[];
}

export interface PlannerInput {
  /** Modules that can be recommended (published ones). */
  modules: readonly PlannerModule[];
  graph: PrerequisiteGraph;
  requirements: readonly PlannerRequirement[];
  /** Modules the learner has completed or passed: their competencies are acquired. */
  completed?: ReadonlySet<string>;
}

/**
 * Plans the modules that close the gaps between requirements and what is acquired: for each unmet
 * requirement, the lowest-level module that teaches the competency at the required level or above
 * (or the highest one when none reaches it), plus every prerequisite not yet completed, ordered so
 * that prerequisites come first (then lower levels, essential before optional, then code).
 */
export function planSteps(input: PlannerInput): PlannedStep[] {
  const completed = input.completed ?? new Set<string>();
  const byId = new Map(input.modules.map((m) => [m.id, m]));
  const teachers = new Map<string, PlannerModule[]>();
  for (const module of input.modules) {
    for (const competencyId of module.teaches) teachers.set(competencyId, [...(teachers.get(competencyId) ?? []), module]);
  }
  const acquired = (requirement: PlannerRequirement): boolean =>
    (teachers.get(requirement.competencyId) ?? []).some(
      (m) => completed.has(m.id) && levelRank(m.level) >= levelRank(requirement.requiredLevel),
    );

  const closes = new Map<string, string[]>();
  const essentialTargets = new Set<string>();
  const optionalTargets = new Set<string>();
  for (const requirement of input.requirements) {
    if (acquired(requirement)) continue;
    const candidates = [...(teachers.get(requirement.competencyId) ?? [])].sort(
      (a, b) => levelRank(a.level) - levelRank(b.level) || a.code.localeCompare(b.code),
    );
    if (candidates.length === 0) continue;
    const target =
      candidates.find((m) => levelRank(m.level) >= levelRank(requirement.requiredLevel)) ?? (candidates.at(-1) as PlannerModule);
    closes.set(target.id, [...(closes.get(target.id) ?? []), requirement.competencyId]);
    (requirement.priority === Priority.ESSENTIAL ? essentialTargets : optionalTargets).add(target.id);
  }

  const open = (ids: Set<string>): Set<string> =>
    new Set([...withPrerequisites(input.graph, ids)].filter((id) => !completed.has(id) && byId.has(id)));
  const essential = open(essentialTargets);
  const all = new Set([...essential, ...open(optionalTargets)]);
  const compare = (a: string, b: string): number => {
    const ma = byId.get(a) as PlannerModule;
    const mb = byId.get(b) as PlannerModule;
    return (
      levelRank(ma.level) - levelRank(mb.level) ||
      Number(!essential.has(a)) - Number(!essential.has(b)) ||
      ma.code.localeCompare(mb.code)
    );
  };
  return prerequisiteOrder(input.graph, all, compare).map((moduleId) => ({
    moduleId,
    optional: !essential.has(moduleId),
    closes: closes.get(moduleId) ?? [],
  }));
}
