import { registerEnumType } from 'type-graphql';

/** ESCO skill types. */
export enum SkillType {
  KNOWLEDGE = 'KNOWLEDGE',
  SKILL_COMPETENCE = 'SKILL_COMPETENCE',
  TRANSVERSAL = 'TRANSVERSAL',
}

registerEnumType(SkillType, {
  name: 'SkillType',
  description: 'Kind of competency, as in ESCO.',
  valuesConfig: {
    KNOWLEDGE: { description: 'Knowledge: facts, principles, theories.' },
    SKILL_COMPETENCE: { description: 'Skill or competence: the ability to apply knowledge.' },
    TRANSVERSAL: { description: 'Transversal skill, relevant across occupations.' },
  },
});
