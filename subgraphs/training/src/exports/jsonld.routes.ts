import { sendHttpError } from '@ecosystem/shared';
import { type FastifyInstance, type FastifyReply } from 'fastify';
import { type Logger } from 'pino';
import { type DataSource, In, MoreThanOrEqual } from 'typeorm';
import { PublicationStatus } from '../catalogue/catalogue.enums';
import { Domain } from '../catalogue/domain.entity';
import { ModuleCompetency } from '../module/module-competency.entity';
import { ModulePrerequisite } from '../module/module-prerequisite.entity';
import { ModuleProvider } from '../module/module-provider.entity';
import { Module } from '../module/module.entity';
import { CourseSession } from '../session/session.entity';
import type { Course, ItemList, WithContext } from 'schema-dts';
import { courseDocument, courseJsonLd } from './course-jsonld';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Builds the JSON-LD of published modules in a fixed number of statements (6), whatever their number. */
export async function coursesJsonLd(dataSource: DataSource, moduleIds: string[] | null, now = new Date()): Promise<Course[]> {
  const modules = await dataSource.getRepository(Module).find({
    where: { status: PublicationStatus.PUBLISHED, ...(moduleIds ? { id: In(moduleIds) } : {}) },
    order: { code: 'ASC' },
  });
  if (modules.length === 0) return [];
  const ids = modules.map((m) => m.id);
  const [domains, providers, teaches, prerequisites, sessions] = await Promise.all([
    dataSource.getRepository(Domain).findBy({ id: In([...new Set(modules.map((m) => m.domainId))]) }),
    dataSource.getRepository(ModuleProvider).findBy({ moduleId: In(ids) }),
    dataSource.getRepository(ModuleCompetency).find({ where: { moduleId: In(ids) }, relations: { competency: true } }),
    dataSource.getRepository(ModulePrerequisite).find({ where: { moduleId: In(ids) }, relations: { prerequisite: true } }),
    dataSource.getRepository(CourseSession).find({
      where: { moduleId: In(ids), startsAt: MoreThanOrEqual(now) },
      order: { startsAt: 'ASC' },
    }),
  ]);
  return modules.map((module) =>
    courseJsonLd(
      {
        module,
        domain: domains.find((d) => d.id === module.domainId) ?? null,
        providerIds: providers.filter((p) => p.moduleId === module.id).map((p) => p.organizationId),
        teaches: teaches.filter((t) => t.moduleId === module.id).flatMap((t) => (t.competency ? [t.competency] : [])),
        prerequisites: prerequisites.filter((p) => p.moduleId === module.id).flatMap((p) => (p.prerequisite ? [p.prerequisite] : [])),
        sessions: sessions.filter((s) => s.moduleId === module.id),
      }),
  );
}

function send(reply: FastifyReply, body: unknown): void {
  void reply.type('application/ld+json').send(JSON.stringify(body));
}

/**
 * schema.org exports: `GET /jsonld/modules/:id` (a Course with its upcoming CourseInstances) and
 * `GET /jsonld/modules` (the published catalogue as an ItemList of Courses). Public data only.
 */
export function trainingRoutes(app: FastifyInstance, dataSource: DataSource, logger: Logger): void {
  const fail = (reply: FastifyReply, error: unknown): void => {
    logger.error({ err: error }, 'json-ld export failed');
    sendHttpError(reply, 500, 'INTERNAL_SERVER_ERROR', 'Export failed');
  };
  app.get<{ Params: { id: string } }>('/jsonld/modules/:id', (req, reply) => {
    const id = req.params.id;
    if (!UUID.test(id)) {
      sendHttpError(reply, 400, 'BAD_USER_INPUT', 'Not a module id', 'id');
      return;
    }
    coursesJsonLd(dataSource, [id])
      .then(([course]) => {
        if (!course) sendHttpError(reply, 404, 'NOT_FOUND', `Module ${id} was not found`);
        else send(reply, courseDocument(course));
      })
      .catch((error: unknown) => fail(reply, error));
  });
  app.get('/jsonld/modules', (_req, reply) => {
    coursesJsonLd(dataSource, null)
      .then((courses) =>
        send(reply, {
          '@context': 'https://schema.org',
          '@type': 'ItemList',
          name: 'Catalogue de l’Académie du Digital en Santé',
          numberOfItems: courses.length,
          itemListElement: courses.map((item, index) => ({ '@type': 'ListItem', position: index + 1, item })),
        } satisfies WithContext<ItemList>),
      )
      .catch((error: unknown) => fail(reply, error));
  });
}
