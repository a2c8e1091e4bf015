import { randomUUID } from 'node:crypto';
import { type GraphQLSchema } from 'graphql';
import { operationProblems } from './schema';
import { type Execute, type SubgraphUrls, type Vars, type Workload } from './workloads';

export const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterInput!) { register(input: $input) { id status } }`;
export const ENROL = /* GraphQL */ `
  mutation Enrol($input: EnrolInput!) { enrol(input: $input) { id status } }`;

/** One write of the mix: which mutation, its variables, and the (fresh) viewer who sends it. */
export interface Write {
  subgraph: 'events' | 'training';
  query: string;
  variables: Vars;
  viewer: string;
}

/** Signs tokens for a viewer: the caller's JWT (gateway) and the gateway's identity token (direct). */
export interface WriteTokens {
  user(sub: string): Promise<string>;
  identity(sub: string, subgraph: string): Promise<string>;
}

export interface WriteWorkload extends Workload {
  /** Pre-built writes with their headers, for the gateway (`authorization`) and direct (`identity`). */
  writes: { write: Write; gateway: Record<string, string>; direct: Record<string, string> }[];
  /** Writes sent again because every prepared one had been used (each is a duplicate, likely refused). */
  reused(): number;
}

/**
 * W4, the write mix: half event registrations, half training enrolments, each by a different
 * member (a fresh person id per write, so no write is refused as a duplicate), over the events
 * and modules that accept them. Undefined when the schema has neither mutation.
 */
export async function writeWorkload(
  schema: GraphQLSchema,
  gatewayUrl: string,
  execute: Execute,
  tokens: WriteTokens,
  count: number,
  identityHeader: string,
): Promise<WriteWorkload | undefined> {
  const canRegister = operationProblems(schema, REGISTER).length === 0;
  const canEnrol = operationProblems(schema, ENROL).length === 0;
  if (!canRegister && !canEnrol) return undefined;
  const notes: string[] = [];
  const targets: { subgraph: Write['subgraph']; query: string; input: Vars }[] = [];
  // Candidates: upcoming events and published modules, kept only if a first write succeeds.
  const tryWrite = async (query: string, input: Vars): Promise<boolean> => {
    const body = await execute(gatewayUrl, query, { input }, { authorization: `Bearer ${await tokens.user(randomUUID())}` });
    return !body.errors?.length;
  };
  if (canRegister) {
    const events = await execute(
      gatewayUrl,
      `query ($filter: EventFilter) { events(first: 60, filter: $filter) { edges { node { id } } } }`,
      { filter: { from: new Date().toISOString() } },
    );
    const ids = ((events.data?.events as { edges: { node: { id: string } }[] } | undefined)?.edges ?? []).map((e) => e.node.id);
    for (const id of ids) if (await tryWrite(REGISTER, { eventId: id })) targets.push({ subgraph: 'events', query: REGISTER, input: { eventId: id } });
    notes.push(`${targets.length} upcoming events open to registration`);
  }
  if (canEnrol) {
    const modules = await execute(gatewayUrl, `{ modules(first: 60) { edges { node { id } } } }`, {});
    const ids = ((modules.data?.modules as { edges: { node: { id: string } }[] } | undefined)?.edges ?? []).map((e) => e.node.id);
    const before = targets.length;
    for (const id of ids) if (await tryWrite(ENROL, { moduleId: id })) targets.push({ subgraph: 'training', query: ENROL, input: { moduleId: id } });
    notes.push(`${targets.length - before} self-paced modules open to enrolment`);
  }
  if (targets.length === 0) return undefined;
  const writes: WriteWorkload['writes'] = [];
  const events = targets.filter((t) => t.subgraph === 'events');
  const modules = targets.filter((t) => t.subgraph === 'training');
  for (let i = 0; i < count; i++) {
    const pool = (i % 2 === 0 && events.length) || !modules.length ? events : modules;
    const target = pool[i % pool.length]!;
    const viewer = randomUUID();
    writes.push({
      write: { subgraph: target.subgraph, query: target.query, variables: { input: target.input }, viewer },
      gateway: { authorization: `Bearer ${await tokens.user(viewer)}` },
      direct: { [identityHeader]: await tokens.identity(viewer, target.subgraph) },
    });
  }
  let next = 0;
  const take = (): WriteWorkload['writes'][number] => writes[next++ % writes.length]!;
  return {
    id: 'W4',
    title: 'Write mix: event registrations and training enrolments, one new member per write',
    query: REGISTER,
    samples: [{ variables: {}, weight: 1 }],
    rowsVariables: () => ({}),
    authenticated: true,
    notes,
    writes,
    reused: () => Math.max(0, next - writes.length),
    request: () => {
      const w = take();
      return { body: JSON.stringify({ query: w.write.query, variables: w.write.variables }), headers: w.gateway };
    },
    direct: {
      kind: 'chain',
      async run(urls: SubgraphUrls, _variables: Vars, exec: Execute) {
        const w = take();
        const body = await exec(urls[w.write.subgraph], w.write.query, w.write.variables, w.direct);
        if (body.errors?.length) throw new Error(JSON.stringify(body.errors[0]));
      },
    },
  };
}
