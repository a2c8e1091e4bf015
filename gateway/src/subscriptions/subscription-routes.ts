import {
  type DirectiveNode,
  getNamedType,
  type GraphQLField,
  type GraphQLSchema,
  isObjectType,
  Kind,
  parse,
} from 'graphql';

/** How the gateway serves one subscription field. */
export interface SubscriptionRoute {
  /** The Subscription field. */
  field: string;
  /** The subgraph that owns it (publishes its events); the gateway subscribes there. */
  subgraph: string;
  /** The routing URL the supergraph records for that subgraph. */
  url: string | undefined;
  /** The Query field of the same type that reads the state each event announces. */
  queryField: string;
  /**
   * Arguments of the Query field that each event gives (fields of the object it announces: `id`),
   * the others being the subscription's own; empty when the subscription's arguments name the state.
   */
  fromEvent: string[];
}

function stringArgument(directive: DirectiveNode, name: string): string | undefined {
  const argument = directive.arguments?.find((a) => a.name.value === name);
  return argument?.value.kind === Kind.STRING ? argument.value.value : undefined;
}

function enumArgument(directive: DirectiveNode, name: string): string | undefined {
  const argument = directive.arguments?.find((a) => a.name.value === name);
  return argument?.value.kind === Kind.ENUM ? argument.value.value : undefined;
}

function sameArguments(a: GraphQLField<unknown, unknown>, b: GraphQLField<unknown, unknown>): boolean {
  const signature = (f: GraphQLField<unknown, unknown>): string =>
    f.args
      .map((arg) => `${arg.name}:${arg.type.toString()}`)
      .sort()
      .join(',');
  return signature(a) === signature(b);
}

/**
 * The routes of the supergraph's subscription fields. A subgraph serves a subscription as a trigger
 * (an event names the state that changed) beside a Query field with the same return type and the
 * same arguments (`registrationChanged(eventId)` beside `registrationState(eventId)`), or, when the
 * event announces a new object, beside the Query field that reads that object by its `id`
 * (`datasetPublished(filter)` beside `dataset(id)`; the subgraph applies the filter): on every
 * event, the gateway runs the subscriber's selection on that Query field through its query plan, as
 * any query, so that fields of every subgraph, the caller's identity and the authorisation of the
 * moment apply. A subscription field without such a Query field is listed in `problems`, not served.
 */
export function subscriptionRoutes(apiSchema: GraphQLSchema, supergraphSdl: string): { routes: Map<string, SubscriptionRoute>; problems: string[] } {
  const routes = new Map<string, SubscriptionRoute>();
  const problems: string[] = [];
  const subscription = apiSchema.getSubscriptionType();
  if (!subscription) return { routes, problems };
  const document = parse(supergraphSdl);
  const graphs = new Map<string, { name: string; url: string | undefined }>();
  const owners = new Map<string, string>();
  let typeGraphs: string[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph') {
      for (const value of definition.values ?? []) {
        const graph = value.directives?.find((d) => d.name.value === 'join__graph');
        if (graph) graphs.set(value.name.value, { name: stringArgument(graph, 'name') ?? value.name.value.toLowerCase(), url: stringArgument(graph, 'url') });
      }
    }
    if ((definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) && definition.name.value === subscription.name) {
      typeGraphs = [...typeGraphs, ...(definition.directives ?? []).filter((d) => d.name.value === 'join__type').map((d) => enumArgument(d, 'graph')).filter((g): g is string => !!g)];
      for (const field of definition.fields ?? []) {
        const owner = field.directives?.find((d) => d.name.value === 'join__field' && enumArgument(d, 'graph'));
        if (owner) owners.set(field.name.value, enumArgument(owner, 'graph')!);
      }
    }
  }
  const queryFields = Object.values(apiSchema.getQueryType()?.getFields() ?? {});
  for (const field of Object.values(subscription.getFields())) {
    const graph = owners.get(field.name) ?? (typeGraphs.length === 1 ? typeGraphs[0] : undefined);
    const owner = graph ? graphs.get(graph) : undefined;
    if (!owner) {
      problems.push(`Subscription.${field.name}: no single subgraph owns it`);
      continue;
    }
    const returned = getNamedType(field.type);
    const sameType = queryFields.filter((q) => getNamedType(q.type).name === returned.name);
    let twins = sameType.filter((q) => sameArguments(q, field));
    let fromEvent: string[] = [];
    const idField = isObjectType(returned) ? returned.getFields()['id'] : undefined;
    if (twins.length === 0 && idField && getNamedType(idField.type).name === 'ID' && !field.args.some((a) => a.name === 'id')) {
      // The event names a new object (datasetPublished(filter) beside dataset(id)): the Query field
      // keyed by its id, whose other arguments, if any, are the subscription's.
      twins = sameType.filter(
        (q) =>
          q.args.some((a) => a.name === 'id' && a.type.toString() === 'ID!') &&
          q.args.every((a) => a.name === 'id' || field.args.some((own) => own.name === a.name && own.type.toString() === a.type.toString())),
      );
      fromEvent = ['id'];
    }
    if (twins.length !== 1) {
      problems.push(
        `Subscription.${field.name}: ${twins.length === 0 ? 'no' : 'more than one'} Query field of type ${returned.name} with the same arguments (or keyed by the announced object’s id)`,
      );
      continue;
    }
    routes.set(field.name, { field: field.name, subgraph: owner.name, url: owner.url, queryField: twins[0]!.name, fromEvent });
  }
  return { routes, problems };
}
