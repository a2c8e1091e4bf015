import { facetType, type FacetCount, labelOf, type Labels, Language } from '@ecosystem/shared';
import { Ctx, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import { Format, Level } from '../catalogue/catalogue.enums';
import { Domain } from '../catalogue/domain.entity';
import { type TrainingContext } from '../context';
import { Organization, organizationStub } from '../organization/organization.stub';

/** What people read for the catalogue's codes, French first. */
export const LEVEL_LABELS: Labels<Level> = {
  ACCULTURATION: { fr: 'Acculturation', en: 'Awareness' },
  FOUNDATION: { fr: 'Fondamentaux', en: 'Foundation' },
  ADVANCED: { fr: 'Approfondissement', en: 'Advanced' },
  EXPERT: { fr: 'Expertise', en: 'Expert' },
};

export const FORMAT_LABELS: Labels<Format> = {
  E_LEARNING: { fr: 'E-learning', en: 'E-learning' },
  IN_PERSON: { fr: 'Présentiel', en: 'In person' },
  VIRTUAL_CLASS: { fr: 'Classe virtuelle', en: 'Virtual class' },
  BLENDED: { fr: 'Mixte', en: 'Blended' },
};

const COUNTED = 'Published modules matching every other field of the filter (not this facet\u2019s own selection) with this value.';

export const LevelFacet = facetType<TrainingContext>('LevelFacet', 'A level and how many modules have it.', {
  value: () => Level,
  valueDescription: 'The level.',
  countDescription: COUNTED,
  label: (value, language) => labelOf(LEVEL_LABELS, value, language),
});

export const FormatFacet = facetType<TrainingContext>('FormatFacet', 'A format and how many modules are offered in it.', {
  value: () => Format,
  valueDescription: 'The format.',
  countDescription: COUNTED,
  label: (value, language) => labelOf(FORMAT_LABELS, value, language),
});

export const DomainFacet = facetType<TrainingContext>('DomainFacet', 'A thematic domain and how many modules are in it.', {
  value: () => ID,
  valueDescription: 'The domain id (the value of the `domains` filter).',
  countDescription: COUNTED,
  // Titles are French first; a domain without an English title keeps its French one in EN.
  label: async (value, language, context) => {
    const domain = await context.loaders.domainById.load(value);
    return (language === Language.EN ? domain?.titleEn : null) ?? domain?.title ?? value;
  },
});

export const ProviderFacet = facetType<TrainingContext>('ProviderFacet', 'A training partner and how many modules it delivers.', {
  value: () => ID,
  valueDescription: 'The organisation id (the value of the `providers` filter).',
  countDescription: COUNTED,
  label: null,
});

@Resolver(() => DomainFacet.type)
export class DomainFacetResolver {
  @FieldResolver(() => Domain, { description: 'The domain.' })
  async domain(@Root() facet: FacetCount, @Ctx() context: TrainingContext): Promise<Domain> {
    const domain = await context.loaders.domainById.load(facet.value);
    // Writes refuse a module in an unknown domain (and no mutation deletes domains): a missing one is a bug.
    if (!domain) throw new Error(`Domain ${facet.value} of a module was not found`);
    return domain;
  }
}

@Resolver(() => ProviderFacet.type)
export class ProviderFacetResolver {
  @FieldResolver(() => Organization, { nullable: true, description: 'The training partner (its name comes from the members subgraph).' })
  organization(@Root() facet: FacetCount): Organization {
    return organizationStub(facet.value);
  }
}

/** The resolvers of the catalogue's facet types (added to the schema's resolvers). */
export const MODULE_FACET_RESOLVERS = [
  ...[LevelFacet, FormatFacet, DomainFacet, ProviderFacet].map((facet) => facet.resolver),
  DomainFacetResolver,
  ProviderFacetResolver,
];

@ObjectType({
  description:
    'Counts per facet over the published catalogue. Disjunctive, as in every search engine: each facet is counted with every other field of the filter applied but not its own. Each facet has a filter field of the same name.',
})
export class ModuleFacets {
  @Field(() => [LevelFacet.type], { description: 'Counts per level (filter `levels`).' })
  levels!: FacetCount[];

  @Field(() => [FormatFacet.type], { description: 'Counts per format (filter `formats`).' })
  formats!: FacetCount[];

  @Field(() => [DomainFacet.type], { description: 'Counts per domain (filter `domains`).' })
  domains!: FacetCount[];

  @Field(() => [ProviderFacet.type], { description: 'Counts per training partner (filter `providers`).' })
  providers!: FacetCount[];
}
