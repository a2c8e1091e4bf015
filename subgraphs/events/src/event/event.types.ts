import { facetType, type FacetCount, labelOf, Money, valueAsLabel } from '@ecosystem/shared';
import { Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { type EventsContext } from '../context';
import { Ecosystem, ecosystemRef } from '../ecosystem/ecosystem.stub';
import { ATTENDANCE_MODE_LABELS, EVENT_KIND_LABELS, EVENT_STATUS_LABELS, LANGUAGE_LABELS } from './event.labels';
import { AttendanceMode, EventKind, EventStatus } from './event.enums';

@ObjectType({ description: 'Where to attend online (schema.org VirtualLocation).' })
export class VirtualLocation {
  @Field({ description: 'Link to join.' })
  url!: string;

  @Field(() => String, { nullable: true, description: 'Platform, e.g. Zoom, Teams, YouTube.' })
  platform!: string | null;
}

@ObjectType({ description: 'How to register for an event.' })
export class RegistrationPolicy {
  @Field({ description: 'Registration is required to attend.' })
  required!: boolean;

  @Field(() => Date, { nullable: true, description: 'Registrations open at this instant; null: already open.' })
  opensAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'Registrations close at this instant; null: at the start of the event.' })
  closesAt!: Date | null;

  @Field({ description: 'Only members of the ecosystem may register (others get FORBIDDEN, reason MEMBERS_ONLY).' })
  membersOnly!: boolean;

  @Field(() => Money, { nullable: true, description: 'Price of a seat; null when free.' })
  price!: Money | null;

  @Field(() => String, { nullable: true, description: 'External registration page, if any.' })
  url!: string | null;
}

const COUNTED = 'Events matching every other field of the filter (not this facet\u2019s own selection) with this value.';

export const EventKindFacet = facetType<EventsContext>('EventKindFacet', 'An event kind and how many events have it.', {
  value: () => EventKind,
  valueDescription: 'The kind.',
  countDescription: COUNTED,
  label: (value, language) => labelOf(EVENT_KIND_LABELS, value, language),
});

export const AttendanceModeFacet = facetType<EventsContext>('AttendanceModeFacet', 'An attendance mode and how many events have it.', {
  value: () => AttendanceMode,
  valueDescription: 'The attendance mode.',
  countDescription: COUNTED,
  label: (value, language) => labelOf(ATTENDANCE_MODE_LABELS, value, language),
});

export const EventStatusFacet = facetType<EventsContext>('EventStatusFacet', 'A status and how many events have it.', {
  value: () => EventStatus,
  valueDescription: 'The status.',
  countDescription: COUNTED,
  label: (value, language) => labelOf(EVENT_STATUS_LABELS, value, language),
});

export const EventLanguageFacet = facetType<EventsContext>('EventLanguageFacet', 'A language and how many events are held in it.', {
  value: () => String,
  valueDescription: 'The language, a BCP 47 tag such as fr (the value of the `languages` filter).',
  countDescription: COUNTED,
  label: (value, language) => labelOf(LANGUAGE_LABELS, value, language),
});

export const EventYearFacet = facetType<EventsContext>('EventYearFacet', 'A year and how many events start in it (UTC).', {
  // An Int like the `years` filter's elements, so that a facet value is passed back as it is.
  value: () => Int,
  valueDescription: 'The year, e.g. 2025 (the value of the `years` filter).',
  countDescription: COUNTED,
  label: valueAsLabel,
});

export const EventEcosystemFacet = facetType<EventsContext>('EventEcosystemFacet', 'An ecosystem and how many events belong to it.', {
  value: () => ID,
  valueDescription: 'The ecosystem id (the value of the `ecosystems` filter).',
  countDescription: COUNTED,
  label: null,
});

@Resolver(() => EventEcosystemFacet.type)
export class EventEcosystemFacetResolver {
  @FieldResolver(() => Ecosystem, { nullable: true, description: 'The ecosystem (its name comes from the members subgraph).' })
  ecosystem(@Root() facet: FacetCount): Ecosystem {
    return ecosystemRef(facet.value);
  }
}

/** The label resolvers of the event list's facets (added to the schema's resolvers). */
export const EVENT_FACET_RESOLVERS = [
  ...[EventKindFacet, AttendanceModeFacet, EventStatusFacet, EventLanguageFacet, EventYearFacet, EventEcosystemFacet].map((facet) => facet.resolver),
  EventEcosystemFacetResolver,
];

@ObjectType({
  description:
    'Counts per facet over the whole filtered list, to draw a filter sidebar. Disjunctive, as in every search engine: each facet is counted with every other field of the filter applied but not its own, so choices stay visible. Each facet has a filter field of the same name.',
})
export class EventFacets {
  @Field(() => [EventKindFacet.type], { description: 'Counts per kind (filter `kinds`).' })
  kinds!: FacetCount[];

  @Field(() => [AttendanceModeFacet.type], { description: 'Counts per attendance mode (filter `attendanceModes`).' })
  attendanceModes!: FacetCount[];

  @Field(() => [EventStatusFacet.type], { description: 'Counts per status (filter `statuses`).' })
  statuses!: FacetCount[];

  @Field(() => [EventEcosystemFacet.type], { description: 'Counts per ecosystem id (filter `ecosystems`).' })
  ecosystems!: FacetCount[];

  @Field(() => [EventLanguageFacet.type], { description: 'Counts per language (filter `languages`).' })
  languages!: FacetCount[];

  @Field(() => [EventYearFacet.type], { description: 'Counts per year of the start, UTC (filter `years`).' })
  years!: FacetCount[];
}
