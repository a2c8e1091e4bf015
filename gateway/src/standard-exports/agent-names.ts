
/*
 * Names of the organisations and people an export refers to. The exporting subgraphs know them by
 * id only (names live in the members subgraph, whose tables they do not read), so the gateway asks
 * the graph for them, as it does for any federated field: one `_entities` fetch to the subgraph
 * that owns Organization and Person, with the caller's identity.
 */

type Node = Record<string, unknown>;

/** How an agent node of each export vocabulary is named. */
const AGENT_TYPES: Record<string, { typename: 'Organization' | 'Person'; vocabulary: 'foaf' | 'schema' }> = {
  'foaf:Organization': { typename: 'Organization', vocabulary: 'foaf' },
  'foaf:Person': { typename: 'Person', vocabulary: 'foaf' },
  Organization: { typename: 'Organization', vocabulary: 'schema' },
  Person: { typename: 'Person', vocabulary: 'schema' },
};

const UUID_IRI = /^urn:uuid:([0-9a-f-]{36})$/i;

interface AgentOccurrence {
  node: Node;
  id: string;
  typename: 'Organization' | 'Person';
  vocabulary: 'foaf' | 'schema';
}

export interface AgentEntity {
  __typename: 'Organization' | 'Person';
  id: string;
  name?: string;
  acronym?: string | null;
  kind?: string;
  website?: string | null;
  siren?: string | null;
  rorId?: string | null;
  givenName?: string;
  familyName?: string;
}

/** Every node of the document typed as an organisation or a person and identified by `urn:uuid:<id>`. */
export function agentsIn(document: unknown): AgentOccurrence[] {
  const found: AgentOccurrence[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const node = value as Node;
    const id = typeof node['@id'] === 'string' ? UUID_IRI.exec(node['@id'])?.[1] : undefined;
    const types = ([] as unknown[]).concat(node['@type'] ?? []);
    const agent = types.map((t) => (typeof t === 'string' ? AGENT_TYPES[t] : undefined)).find(Boolean);
    if (id && agent) found.push({ node, id, ...agent });
    for (const [key, child] of Object.entries(node)) if (key !== '@context') visit(child);
  };
  visit(document);
  return found;
}

export const AGENT_ENTITIES_QUERY = `query ExportAgents($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Organization { id name acronym kind website siren rorId }
    ... on Person { id givenName familyName }
  }
}`;

/** The representations to fetch for the agents of a document, each once. */
export function agentRepresentations(agents: AgentOccurrence[]): { __typename: string; id: string }[] {
  const seen = new Map<string, { __typename: string; id: string }>();
  for (const agent of agents) seen.set(`${agent.typename}:${agent.id}`, { __typename: agent.typename, id: agent.id });
  return [...seen.values()];
}

/** The ADMS publisher type of an organisation kind, where one fits (DCAT-AP recommends dct:type on agents). */
const PUBLISHER_TYPES: Record<string, string> = {
  STARTUP: 'Company',
  SME: 'Company',
  MID_CAP: 'Company',
  LARGE_COMPANY: 'Company',
  RESEARCH_INSTITUTE: 'Academia-ScientificOrganisation',
  UNIVERSITY: 'Academia-ScientificOrganisation',
  SCHOOL: 'Academia-ScientificOrganisation',
  PUBLIC_AGENCY: 'NationalAuthority',
  REGULATOR: 'NationalAuthority',
  PATIENT_ASSOCIATION: 'NonProfitOrganisation',
  CLUSTER: 'IndustryConsortium',
  INDUSTRY_FEDERATION: 'IndustryConsortium',
};

function publisherType(kind: string | undefined): Node | undefined {
  const code = kind ? PUBLISHER_TYPES[kind] : undefined;
  if (!code) return undefined;
  return {
    '@id': `http://purl.org/adms/publishertype/${code}`,
    '@type': 'skos:Concept',
    'skos:prefLabel': { '@value': code.replace(/-/g, ' / ').replace(/([a-z])([A-Z])/g, '$1 $2'), '@language': 'en' },
    'skos:inScheme': { '@id': 'http://purl.org/adms/publishertype/1.0' },
  };
}

function nameFoaf(node: Node, entity: AgentEntity): void {
  if (entity.__typename === 'Person') {
    node['foaf:name'] = `${entity.givenName ?? ''} ${entity.familyName ?? ''}`.trim();
    return;
  }
  node['foaf:name'] = entity.name;
  const type = publisherType(entity.kind);
  if (type) node['dct:type'] = type;
  if (entity.website) node['foaf:homepage'] = { '@id': entity.website, '@type': 'foaf:Document' };
  const identifiers: Node[] = [];
  if (entity.siren) identifiers.push({ '@type': 'adms:Identifier', 'skos:notation': entity.siren, 'adms:schemaAgency': 'INSEE (SIREN)' });
  if (entity.rorId) {
    identifiers.push({ '@type': 'adms:Identifier', 'skos:notation': `https://ror.org/${entity.rorId}`, 'adms:schemaAgency': 'ROR' });
  }
  if (identifiers.length) node['adms:identifier'] = identifiers;
}

function nameSchema(node: Node, entity: AgentEntity): void {
  if (entity.__typename === 'Person') {
    node.name = `${entity.givenName ?? ''} ${entity.familyName ?? ''}`.trim();
    node.givenName = entity.givenName;
    node.familyName = entity.familyName;
    return;
  }
  node.name = entity.name;
  if (entity.acronym) node.alternateName = entity.acronym;
  if (entity.website) node.url = entity.website;
  const sameAs = entity.rorId ? [`https://ror.org/${entity.rorId}`] : [];
  if (sameAs.length) node.sameAs = sameAs;
  if (entity.siren) node.identifier = { '@type': 'PropertyValue', propertyID: 'SIREN', value: entity.siren };
}

/** Writes the names (and public identifiers) of the agents found into their nodes; unknown ids stay unnamed. */
export function nameAgents(agents: AgentOccurrence[], entities: (AgentEntity | null)[]): void {
  const byKey = new Map(entities.flatMap((e) => (e ? [[`${e.__typename}:${e.id}`, e] as const] : [])));
  for (const agent of agents) {
    const entity = byKey.get(`${agent.typename}:${agent.id}`);
    if (!entity) continue;
    if (agent.vocabulary === 'foaf') nameFoaf(agent.node, entity);
    else nameSchema(agent.node, entity);
  }
}

