import { Level } from '../../catalogue/catalogue.enums';
import { Priority } from '../../persona/persona.enums';
import { planSteps, type PlannerModule } from '../path-planner';

const modules: PlannerModule[] = [
  { id: 'm1', code: 'A-1', level: Level.ACCULTURATION, teaches: ['c1'] },
  { id: 'm2', code: 'A-2', level: Level.FOUNDATION, teaches: ['c1', 'c2'] },
  { id: 'm3', code: 'A-3', level: Level.ADVANCED, teaches: ['c2'] },
  { id: 'm4', code: 'B-1', level: Level.ACCULTURATION, teaches: ['c3'] },
];
const graph = new Map([
  ['m2', ['m1']],
  ['m3', ['m2']],
]);

describe('planSteps', () => {
  it('picks the lowest module reaching the level, adds prerequisites, orders them first', () => {
    const steps = planSteps({
      modules,
      graph,
      requirements: [
        { competencyId: 'c2', requiredLevel: Level.ADVANCED, priority: Priority.ESSENTIAL },
        { competencyId: 'c3', requiredLevel: Level.ACCULTURATION, priority: Priority.OPTIONAL },
      ],
    });
    expect(steps.map((s) => [s.moduleId, s.optional])).toEqual([
      ['m1', false],
      ['m4', true],
      ['m2', false],
      ['m3', false],
    ]);
    expect(steps.find((s) => s.moduleId === 'm3')?.closes).toEqual(['c2']);
  });

  it('skips what is completed and requirements already met', () => {
    const steps = planSteps({
      modules,
      graph,
      completed: new Set(['m1', 'm2']),
      requirements: [
        { competencyId: 'c1', requiredLevel: Level.FOUNDATION, priority: Priority.ESSENTIAL },
        { competencyId: 'c2', requiredLevel: Level.ADVANCED, priority: Priority.ESSENTIAL },
      ],
    });
    expect(steps.map((s) => s.moduleId)).toEqual(['m3']);
  });
});
