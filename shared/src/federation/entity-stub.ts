import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A field a subgraph may read from a foreign entity through `@requires`: declared `@external` on its stub. */
interface ExternalField {
  type: () => StringConstructor;
  description: string;
}

interface CoreEntity {
  /** The type's description; the stubs' text is the one composition keeps, so it names the owner. */
  description: string;
  external: Readonly<Record<string, ExternalField>>;
}

/**
 * The entities of the core graph that another subgraph (or a partner) extends, defined once: every
 * stub of one of them is generated from this entry, so all copies agree (composition compares them).
 */
export const CORE_ENTITIES = {
  Organization: { description: 'An organisation of the ecosystem (owned by the members subgraph).', external: {} },
  Person: {
    description: 'A person of the ecosystem (owned by the members subgraph).',
    external: { jobTitle: { type: () => String, description: 'Job title (owned by the members subgraph).' } },
  },
  Project: { description: 'An R&D project (owned by the members subgraph).', external: {} },
  Ecosystem: {
    description: 'An innovation ecosystem: cluster, campus or academy (owned by the members subgraph).',
    external: {},
  },
  Dataset: { description: 'A health dataset of the catalogue (owned by the datasets subgraph).', external: {} },
  Event: { description: 'An event of the ecosystem (owned by the events subgraph).', external: {} },
  Call: { description: 'A call for projects or expressions of interest (owned by the events subgraph).', external: {} },
} as const satisfies Record<string, CoreEntity>;

export type CoreEntityName = keyof typeof CORE_ENTITIES;
export type ExternalFieldOf<N extends CoreEntityName> = keyof (typeof CORE_ENTITIES)[N]['external'] & string;

/** How a stub class was declared: its GraphQL name and the external fields its references carry. */
interface StubDeclaration {
  name: CoreEntityName;
  external: readonly string[];
}

const declarations = new WeakMap<object, StubDeclaration>();

/**
 * A foreign entity as a subgraph holds it: its key (and the external fields it declared). Base of
 * every stub class; `Organization.ref(id)` is what a field pointing at one returns.
 */
export abstract class EntityRef {
  id!: string;

  /** A reference to the entity with this id, as an instance of the stub class. */
  static ref<T extends EntityRef>(this: new () => T, id: string): T {
    return Object.assign(new this(), { id });
  }
}

/** A concrete stub class (what `@EntityStub` decorates). */
export type EntityStubClass<T extends EntityRef = EntityRef> = (new () => T) & { ref(id: string): T };

/**
 * Declares the class as the stub of a core entity owned by another subgraph: the entity's key
 * (`id`) and, when the subgraph `@requires` them, some of its external fields. Name, description
 * and key come from CORE_ENTITIES, so one line declares a foreign entity:
 *
 *     @EntityStub('Organization') export class Organization extends EntityRef {}
 *
 * List the class in `stubs` of buildFederatedSchema: it becomes an orphaned type with its reference
 * resolver (the reference itself: the owner answers every other field).
 */
export function EntityStub<N extends CoreEntityName>(
  name: N,
  options: { external?: readonly ExternalFieldOf<N>[] } = {},
): (target: abstract new () => EntityRef) => void {
  const entity: CoreEntity = CORE_ENTITIES[name];
  const external = options.external ?? [];
  return (target) => {
    ObjectType(name, { description: entity.description })(target);
    Directive('@key(fields: "id")')(target);
    Field(() => ID, { description: 'Opaque, stable id.' })(target.prototype as object, 'id');
    for (const field of external) {
      const definition = entity.external[field] as ExternalField;
      Field(definition.type, { nullable: true, description: definition.description })(target.prototype as object, field);
      Directive('@external')(target.prototype as object, field);
    }
    declarations.set(target, { name, external });
  };
}

function declarationOf(stub: EntityStubClass): StubDeclaration {
  const declaration = declarations.get(stub);
  if (!declaration) throw new Error(`${stub.name} is not decorated with @EntityStub`);
  return declaration;
}

/** The GraphQL name of a stub class. */
export function stubName(stub: EntityStubClass): CoreEntityName {
  return declarationOf(stub).name;
}

/**
 * `__resolveReference` of a stub: the representation the gateway sends, as an instance of the stub,
 * with its key and the external fields it declared (null when the gateway sent none).
 */
export function resolveStubReference<T extends EntityRef>(stub: EntityStubClass<T>, reference: { id: string } & Record<string, unknown>): T {
  const entity = stub.ref(String(reference.id));
  for (const field of declarationOf(stub).external) {
    (entity as Record<string, unknown>)[field] = reference[field] ?? null;
  }
  return entity;
}
