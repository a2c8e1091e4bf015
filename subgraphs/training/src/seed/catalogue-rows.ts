import { demoId, demoOrganization } from '@ecosystem/shared';
import { Format, Level, LEVELS, PublicationStatus } from '../catalogue/catalogue.enums';
import { Category } from '../catalogue/category.entity';
import { Domain } from '../catalogue/domain.entity';
import { Module } from '../module/module.entity';
import { DEMO_CATALOGUE } from './catalogue-data';

const FORMATS_BY_LEVEL: Record<Level, Format[]> = {
  [Level.ACCULTURATION]: [Format.E_LEARNING],
  [Level.FOUNDATION]: [Format.E_LEARNING, Format.VIRTUAL_CLASS],
  [Level.ADVANCED]: [Format.BLENDED, Format.VIRTUAL_CLASS],
  [Level.EXPERT]: [Format.IN_PERSON],
};
const MINUTES_BY_LEVEL: Record<Level, number> = {
  [Level.ACCULTURATION]: 90,
  [Level.FOUNDATION]: 420,
  [Level.ADVANCED]: 840,
  [Level.EXPERT]: 1260,
};
const PRICE_BY_LEVEL: Record<Level, number | null> = {
  [Level.ACCULTURATION]: null,
  [Level.FOUNDATION]: 45_000,
  [Level.ADVANCED]: 120_000,
  [Level.EXPERT]: 210_000,
};
const EQF_BY_LEVEL: Record<Level, number> = {
  [Level.ACCULTURATION]: 4,
  [Level.FOUNDATION]: 5,
  [Level.ADVANCED]: 6,
  [Level.EXPERT]: 7,
};

export interface DemoModuleRow {
  module: Module;
  providerIds: string[];
  domainCode: string;
  /** Position inside its domain (0 = acculturation). */
  rank: number;
}

/** The demo catalogue as rows (deterministic ids), for the seed and for tests. */
export function demoCatalogueRows(): { categories: Category[]; domains: Domain[]; modules: DemoModuleRow[] } {
  const categories: Category[] = [];
  const domains: Domain[] = [];
  const modules: DemoModuleRow[] = [];
  let moduleIndex = 0;
  DEMO_CATALOGUE.forEach((c, categoryPosition) => {
    const category = Object.assign(new Category(), {
      id: demoId('training-category', c.code),
      code: c.code,
      title: c.title,
      position: categoryPosition + 1,
    });
    categories.push(category);
    c.domains.forEach((d, domainPosition) => {
      const domain = Object.assign(new Domain(), {
        id: demoId('training-domain', d.code),
        code: d.code,
        title: d.title,
        titleEn: d.titleEn,
        categoryId: category.id,
        position: domainPosition + 1,
      });
      domains.push(domain);
      d.modules.forEach(({ fr: title, en: titleEn }, rank) => {
        const level = LEVELS[rank] as Level;
        const code = `${d.code}-${rank + 1}`;
        const module = Object.assign(new Module(), {
          id: demoId('module', code),
          code,
          title,
          titleEn,
          description: `${title}. Module de niveau ${level.toLowerCase()} du domaine « ${d.title} » de l’Académie du Digital en Santé.`,
          domainId: domain.id,
          level,
          eqfLevel: EQF_BY_LEVEL[level],
          learningObjectives: [
            `Expliquer les notions clés : ${title.toLowerCase()}`,
            `Appliquer les acquis du domaine « ${d.title} » à son métier`,
            ...(rank >= 2 ? [`Conduire un projet du domaine « ${d.title} » en autonomie`] : []),
          ],
          formats: FORMATS_BY_LEVEL[level],
          durationMinutes: MINUTES_BY_LEVEL[level] + (moduleIndex % 3) * 30,
          language: 'fr',
          priceCents: PRICE_BY_LEVEL[level],
          priceCurrency: PRICE_BY_LEVEL[level] === null ? null : 'EUR',
          cpfEligible: rank >= 2,
          rsRncpCode: rank === 3 ? `RS${5800 + moduleIndex}` : null,
          credential: rank >= 2 ? 'Certificat de l’Académie du Digital en Santé' : 'Attestation de suivi',
          status: PublicationStatus.PUBLISHED,
          publishedAt: new Date(Date.UTC(2022, 3, 14 + (moduleIndex % 40))),
        });
        module.fold();
        const partners = moduleIndex % 2 === 0 ? d.partners : d.partners.slice(0, 1);
        modules.push({
          module,
          providerIds: partners.map((key) => demoOrganization(key).id),
          domainCode: d.code,
          rank,
        });
        moduleIndex += 1;
      });
    });
  });
  return { categories, domains, modules };
}

