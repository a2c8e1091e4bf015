import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/*
 * Every concept of every subgraph, and of the partner template, has the same rooms (docs/development.md,
 * "Layout of a subgraph"). dependency-cruiser checks imports, not which files exist: this test walks
 * subgraphs/<name>/src and partners/template/src and checks the rooms of each concept folder. The
 * exceptions are listed below, each with its reason; a listed exception that no longer applies fails
 * too, so that the list only shrinks.
 */

const ROOT = join(__dirname, '..', '..');
/** The trees laid out as a subgraph, by the name findings use: the four subgraphs and the template partners copy. */
const TREES: Record<string, string> = {
  members: 'subgraphs/members',
  datasets: 'subgraphs/datasets',
  training: 'subgraphs/training',
  events: 'subgraphs/events',
  template: 'partners/template',
};
const NAMES = Object.keys(TREES);
const srcOf = (name: string, root = ROOT): string => join(root, TREES[name] ?? join('subgraphs', name), 'src');

/** Folders of src/ that are not a concept: helpers of several concepts, standard exports, migrations, demo data. */
const NOT_CONCEPTS = new Set(['common', 'exports', 'migrations', 'seed']);

/** The files of src/ itself: the subgraph's assembly. A `loaders.ts` there would gather every concept (see context.ts). */
// config.ts: a subgraph's own settings (zod), when it has any beside the common ones.
const ROOT_FILES = new Set(['config.ts', 'context.ts', 'definition.ts', 'entities.ts', 'index.ts', 'main.ts', 'schema.ts']);

/** The rooms whose file is named after its folder: one of each per concept. */
const NAMED_ROOMS = ['inputs', 'service', 'resolver', 'loaders', 'reference', 'enums'] as const;

/** Text that reaches the database by itself: a resolver goes through its service or its loaders. */
const DATABASE_CALLS = /\.(getRepository|createQueryBuilder|query|transaction)\(|\.manager\b/;

/**
 * Allowed exceptions, `<subgraph>/<concept>: <rule>` with the reason. A rule named here is not checked
 * for that concept; if the concept meets it anyway the test fails (the exception is stale).
 */
const EXCEPTIONS: Record<string, string> = {
  'training/catalogue: entity': 'the catalogue tree has three tables (category, domain, the publication lock) and no row of its own',
  'events/calendar-feed: loaders-for-entity': 'a feed is read by its token once per request (its iCalendar route) or for the viewer (one row): nothing to batch',
  'datasets/dataset: named-rooms': 'dataset-write.inputs.ts and dataset-write.service.ts: the write side of a dataset, kept apart from its 170-line read side',
  'events/event: named-rooms': 'speaker.resolver.ts: the SpeakerRole type of an event speaker, a value object with no folder of its own',
};

interface Finding {
  key: string;
  message: string;
}

function conceptFolders(subgraph: string, root = ROOT): string[] {
  const src = srcOf(subgraph, root);
  return readdirSync(src).filter((name) => statSync(join(src, name)).isDirectory() && !NOT_CONCEPTS.has(name));
}

/**
 * Whether the concept's data is served only as fields of a foreign entity: the resolver in that entity's
 * folder (the one holding `<entity>.stub.ts`) imports the concept. Such a concept (the template's campus
 * profile, read as Organization.campusProfile) needs no resolver of its own, and giving it one would make
 * the two folders import each other.
 */
function extendedByForeignFolder(subgraph: string, concept: string, root = ROOT): boolean {
  const src = srcOf(subgraph, root);
  return conceptFolders(subgraph, root).some((other) => {
    const folder = join(src, other);
    if (other === concept || !existsSync(join(folder, `${other}.stub.ts`)) || !existsSync(join(folder, `${other}.resolver.ts`))) return false;
    return readFileSync(join(folder, `${other}.resolver.ts`), 'utf8').includes(`from '../${concept}/`);
  });
}

/** What the rules find in one concept folder, by `<subgraph>/<concept>: <rule>`. */
function inspect(subgraph: string, concept: string, root = ROOT): Finding[] {
  const folder = join(srcOf(subgraph, root), concept);
  const files = readdirSync(folder).filter((name) => name.endsWith('.ts'));
  const has = (room: string): boolean => files.includes(`${concept}.${room}.ts`);
  const read = (name: string): string => readFileSync(join(folder, name), 'utf8');
  const findings: Finding[] = [];
  const find = (rule: string, message: string): void => {
    findings.push({ key: `${subgraph}/${concept}: ${rule}`, message: `${TREES[subgraph] ?? subgraph}/src/${concept}: ${message}` });
  };
  const stub = files.includes(`${concept}.stub.ts`);

  // A folder holding only the stub of a foreign entity (named as a field's type, no field added to it) has no resolver.
  const onlyStub = stub && files.every((name) => name === `${concept}.stub.ts`);
  if (!has('resolver') && !onlyStub && !extendedByForeignFolder(subgraph, concept, root)) {
    find('resolver', `no ${concept}.resolver.ts (every concept contributes to the schema through one)`);
  }
  const entities = files.filter((name) => name.endsWith('.entity.ts'));
  if (entities.length > 0 && !has('entity')) find('entity', `entities ${entities.join(', ')} but no ${concept}.entity.ts`);
  if (has('entity') && !has('loaders')) find('loaders-for-entity', `${concept}.entity.ts but no ${concept}.loaders.ts`);
  if (entities.length === 0 && !stub && files.some((name) => name.endsWith('.loaders.ts'))) {
    find('loaders-for-entity', 'loaders in a folder with no entity');
  }
  if (has('entity') && /@key\b|Directive\('@key/.test(read(`${concept}.entity.ts`)) && !has('reference')) {
    find('reference', `${concept}.entity.ts is a federation entity but there is no ${concept}.reference.ts`);
  }
  for (const name of files) {
    if (name === `${concept}.reference.ts` || name.endsWith('.stub.ts')) continue;
    if (/export (async )?function resolve\w*Reference\b/.test(read(name))) {
      find('reference', `${name} resolves a federation reference: that is ${concept}.reference.ts's`);
    }
  }
  const misnamed = files.filter((name) => NAMED_ROOMS.some((room) => name.endsWith(`.${room}.ts`)) && !name.startsWith(`${concept}.`));
  if (misnamed.length > 0) find('named-rooms', `${misnamed.join(', ')}: a room is named after its folder (${concept}.<room>.ts)`);
  for (const name of files.filter((file) => file.endsWith('.resolver.ts'))) {
    const text = read(name);
    if (DATABASE_CALLS.test(text)) find('resolver-database', `${name} reaches the database itself: through ${concept}.service.ts or the loaders`);
    if (/@Mutation\(/.test(text) && !has('service')) find('service', `${name} declares mutations but there is no ${concept}.service.ts`);
  }
  return findings;
}

describe('the rooms of each concept', () => {
  it.each(NAMES)('%s: src/ holds the assembly files and concept folders only', (subgraph) => {
    const src = srcOf(subgraph);
    const stray = readdirSync(src).filter((name) => !statSync(join(src, name)).isDirectory() && !ROOT_FILES.has(name));
    expect(stray).toEqual([]);
    // Reference resolvers are the concepts' (<concept>.reference.ts): schema.ts only lists them.
    expect(readFileSync(join(src, 'schema.ts'), 'utf8')).not.toMatch(/context\.loaders|\.load\(/);
  });

  it.each(NAMES)('%s: every concept folder has its rooms', (subgraph) => {
    const findings = conceptFolders(subgraph).flatMap((concept) => inspect(subgraph, concept));
    expect(findings.filter((f) => !(f.key in EXCEPTIONS)).map((f) => f.message)).toEqual([]);
  });

  it('every listed exception still applies', () => {
    const found = new Set(NAMES.flatMap((subgraph) => conceptFolders(subgraph).flatMap((concept) => inspect(subgraph, concept))).map((f) => f.key));
    expect(Object.keys(EXCEPTIONS).filter((key) => !found.has(key))).toEqual([]);
    for (const key of Object.keys(EXCEPTIONS)) expect(existsSync(srcOf(key.split('/')[0]!))).toBe(true);
  });

  it('each rule fires on a tree that breaks it', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'house-rooms-'));
    try {
      const files: Record<string, string> = {
        // Entities, none named after the folder.
        'bare/widget.entity.ts': 'export class Widget {}\n',
        'bare/bare.resolver.ts': 'export const none = 1;\n',
        // No resolver; a federation entity without its reference file; no loaders.
        'thing/thing.entity.ts': "@Directive('@key(fields: \"id\")')\nexport class Thing {}\n",
        // A reference resolved outside its room, a room not named after its folder, a resolver on the database, mutations without a service.
        'other/other.entity.ts': 'export class Other {}\n',
        'other/other.loaders.ts': 'export const loaders = {};\n',
        'other/other.reference.ts': 'export const none = 1;\n',
        'other/helper.service.ts': 'export const helper = 1;\n',
        'other/other.resolver.ts':
          "export async function resolveOtherReference(): Promise<null> { return null; }\n@Mutation(() => Other)\nexport const x = (c: any) => c.dataSource.getRepository(Other).find();\n",
        // A concept read only as a field of a foreign entity: its resolver is the foreign folder's, which imports it.
        'extra/extra.entity.ts': 'export class Extra {}\n',
        'extra/extra.loaders.ts': 'export const loaders = {};\n',
        'foreign/foreign.stub.ts': 'export class Foreign {}\n',
        'foreign/foreign.resolver.ts': "import { Extra } from '../extra/extra.entity';\nexport const field = Extra;\n",
      };
      for (const [path, text] of Object.entries(files)) {
        const target = join(scratch, 'subgraphs', 'alpha', 'src', path);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, text);
      }
      const findings = conceptFolders('alpha', scratch).flatMap((concept) => inspect('alpha', concept, scratch));
      expect(findings.filter((f) => /^alpha\/(extra|foreign):/.test(f.key)).map((f) => f.message)).toEqual([]);
      // The same concept with no foreign resolver importing it has no resolver at all.
      rmSync(join(scratch, 'subgraphs', 'alpha', 'src', 'foreign', 'foreign.resolver.ts'));
      expect(inspect('alpha', 'extra', scratch).map((f) => f.key)).toEqual(['alpha/extra: resolver']);
      const rules = new Set(findings.map((f) => f.key.split(': ')[1]));
      expect([...rules].sort()).toEqual(['entity', 'loaders-for-entity', 'named-rooms', 'reference', 'resolver', 'resolver-database', 'service']);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
