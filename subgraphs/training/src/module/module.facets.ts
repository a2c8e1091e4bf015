import { Field, Int, ObjectType } from 'type-graphql';
import { Format, Level } from '../catalogue/catalogue.enums';
import { Domain } from '../catalogue/domain.entity';
import { Organization } from '../organization/organization.stub';

@ObjectType({ description: 'How many modules have this level.' })
export class LevelFacet {
  @Field(() => Level, { description: 'The level.' })
  value!: Level;

  @Field(() => Int, { description: 'Matching modules.' })
  count!: number;
}

@ObjectType({ description: 'How many modules are offered in this format.' })
export class FormatFacet {
  @Field(() => Format, { description: 'The format.' })
  value!: Format;

  @Field(() => Int, { description: 'Matching modules.' })
  count!: number;
}

@ObjectType({ description: 'How many modules are in this domain.' })
export class DomainFacet {
  @Field(() => Domain, { description: 'The domain.' })
  domain!: Domain;

  @Field(() => Int, { description: 'Matching modules.' })
  count!: number;
}

@ObjectType({ description: 'How many modules this organisation delivers.' })
export class ProviderFacet {
  @Field(() => Organization, { nullable: true, description: 'The training partner.' })
  provider!: Organization;

  @Field(() => Int, { description: 'Matching modules.' })
  count!: number;
}

@ObjectType({
  description: 'Value counts per filter dimension; each is counted over the filter without its own condition.',
})
export class ModuleFacets {
  @Field(() => [LevelFacet], { description: 'Counts per level.' })
  levels!: LevelFacet[];

  @Field(() => [FormatFacet], { description: 'Counts per format.' })
  formats!: FormatFacet[];

  @Field(() => [DomainFacet], { description: 'Counts per domain.' })
  domains!: DomainFacet[];

  @Field(() => [ProviderFacet], { description: 'Counts per training partner.' })
  providers!: ProviderFacet[];
}
