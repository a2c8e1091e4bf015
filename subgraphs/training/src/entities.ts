import { Category } from './catalogue/category.entity';
import { Domain } from './catalogue/domain.entity';
import { ModuleFormat } from './module/module-format.entity';
import { ModuleProvider } from './module/module-provider.entity';
import { Module } from './module/module.entity';

export const trainingEntities = [Category, Domain, Module, ModuleFormat, ModuleProvider];
