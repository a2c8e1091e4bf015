import { buildFederatedSchema } from '@ecosystem/shared';
import { type GraphQLSchema } from 'graphql';
import { resolveCallReference } from './call/call.reference';
import { CallResolver, EventCallResolver, ExpressionOfInterestResolver } from './call/call.resolver';
import { type EventsContext } from './context';
import { DatasetEventsResolver } from './dataset/dataset.resolver';
import { Dataset, resolveDatasetReference } from './dataset/dataset.stub';
import { EcosystemEventsResolver } from './ecosystem/ecosystem.resolver';
import { Ecosystem, resolveEcosystemReference } from './ecosystem/ecosystem.stub';
import { resolveEventReference } from './event/event.reference';
import { EventConnectionResolver, EventResolver } from './event/event.resolver';
import { SpeakerRoleResolver } from './event/speaker.resolver';
import { CalendarFeedResolver } from './calendar-feed/calendar-feed.resolver';
import { OrganizationEventsResolver } from './organization/organization.resolver';
import { Organization, resolveOrganizationReference } from './organization/organization.stub';
import { PersonEventsResolver } from './person/person.resolver';
import { Person, resolvePersonReference } from './person/person.stub';
import { resolveRegistrationReference } from './registration/registration.reference';
import { RegistrationResolver } from './registration/registration.resolver';
import { resolveEventSeriesReference } from './series/series.reference';
import { EventSeriesFieldResolver, EventSeriesResolver } from './series/series.resolver';
import { eventsPubSub, RegistrationStateResolver } from './registration/registration-changes';

import { EVENT_FACET_RESOLVERS } from './event/event.types';

export async function buildEventsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema<EventsContext>({
    resolvers: [
      EventResolver,
      EventConnectionResolver,
      SpeakerRoleResolver,
      EventSeriesResolver,
      EventSeriesFieldResolver,
      CallResolver,
      EventCallResolver,
      ExpressionOfInterestResolver,
      RegistrationResolver,
      RegistrationStateResolver,
      CalendarFeedResolver,
      OrganizationEventsResolver,
      DatasetEventsResolver,
      PersonEventsResolver,
      EcosystemEventsResolver,
      ...EVENT_FACET_RESOLVERS,
    ],
    orphanedTypes: [Organization, Dataset, Person, Ecosystem],
    pubSub: eventsPubSub(),
    referenceResolvers: {
      Event: { __resolveReference: resolveEventReference },
      EventSeries: { __resolveReference: resolveEventSeriesReference },
      Call: { __resolveReference: resolveCallReference },
      Registration: { __resolveReference: resolveRegistrationReference },
      Organization: { __resolveReference: resolveOrganizationReference },
      Dataset: { __resolveReference: resolveDatasetReference },
      Person: { __resolveReference: resolvePersonReference },
      Ecosystem: { __resolveReference: resolveEcosystemReference },
    },
  });
}
