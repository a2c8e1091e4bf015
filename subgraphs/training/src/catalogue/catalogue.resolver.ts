import { NotFoundError, PUBLIC_CONTRACT } from '@ecosystem/shared';
import { Directive, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { type TrainingContext } from '../context';
import { Module } from '../module/module.entity';
import { CatalogueService } from './catalogue.service';
import { Category } from './category.entity';
import { Domain } from './domain.entity';

@Resolver(() => Category)
export class CategoryResolver {
  @Directive(PUBLIC_CONTRACT)
  @Query(() => [Category], { nullable: true, description: 'The catalogue tree: categories, then their domains, then their modules.' })
  async catalogue(@Ctx() context: TrainingContext): Promise<Category[]> {
    return new CatalogueService(context.dataSource).categories();
  }

  @FieldResolver(() => [Domain], { description: 'Thematic domains of the category.' })
  async domains(@Root() category: Category, @Ctx() context: TrainingContext): Promise<Domain[]> {
    return context.loaders.domainsByCategoryId.load(category.id);
  }
}

@Resolver(() => Domain)
export class DomainResolver {
  @FieldResolver(() => Category, { description: 'The category the domain belongs to.' })
  async category(@Root() domain: Domain, @Ctx() context: TrainingContext): Promise<Category> {
    const category = await context.loaders.categoryById.load(domain.categoryId);
    if (!category) throw new NotFoundError('Category', domain.categoryId);
    return category;
  }

  @FieldResolver(() => [Module], { description: 'Published modules of the domain, by code.' })
  async modules(@Root() domain: Domain, @Ctx() context: TrainingContext): Promise<Module[]> {
    return context.loaders.modulesByDomainId.load(domain.id);
  }
}
