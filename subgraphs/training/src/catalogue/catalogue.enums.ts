import { registerEnumType } from 'type-graphql';

/** Depth of a module, from acculturation to expert (the seed names both ends; the middle two are ours). */
export enum Level {
  ACCULTURATION = 'ACCULTURATION',
  FOUNDATION = 'FOUNDATION',
  ADVANCED = 'ADVANCED',
  EXPERT = 'EXPERT',
}

/** Levels in increasing order; `levelRank` compares two levels. */
export const LEVELS: readonly Level[] = [Level.ACCULTURATION, Level.FOUNDATION, Level.ADVANCED, Level.EXPERT];

export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

/** How a module or a session is delivered (schema.org courseMode). */
export enum Format {
  E_LEARNING = 'E_LEARNING',
  IN_PERSON = 'IN_PERSON',
  VIRTUAL_CLASS = 'VIRTUAL_CLASS',
  BLENDED = 'BLENDED',
}

/** Whether a module can be seen and booked by learners. */
export enum PublicationStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  ARCHIVED = 'ARCHIVED',
}

registerEnumType(Level, {
  name: 'Level',
  description: 'Depth of a module or of a required competency, from acculturation to expert.',
  valuesConfig: {
    ACCULTURATION: { description: 'Awareness: the vocabulary and the stakes (EQF 3-4).' },
    FOUNDATION: { description: 'Working knowledge of the basics (EQF 5).' },
    ADVANCED: { description: 'Autonomous practice (EQF 6).' },
    EXPERT: { description: 'Expertise: can lead, design and teach (EQF 7).' },
  },
});

registerEnumType(Format, {
  name: 'Format',
  description: 'How a module or a session is delivered.',
  valuesConfig: {
    E_LEARNING: { description: 'Self-paced online learning.' },
    IN_PERSON: { description: 'Face-to-face, in a room.' },
    VIRTUAL_CLASS: { description: 'Live online class.' },
    BLENDED: { description: 'Mix of online and face-to-face.' },
  },
});

registerEnumType(PublicationStatus, {
  name: 'PublicationStatus',
  description: 'Publication status of a module of the catalogue.',
  valuesConfig: {
    DRAFT: { description: 'Being written; visible to training managers only.' },
    PUBLISHED: { description: 'In the public catalogue, open to enrolment.' },
    ARCHIVED: { description: 'Withdrawn from the catalogue; past enrolments stay.' },
  },
});
