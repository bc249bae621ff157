import { conversationsRoutes } from './conversations.routes';
import { invitationRoutes } from './invitations.routes';
import { mediaRoutes } from './media.routes';
import { messagesRoutes } from './messages.routes';
import { messagingGraphqlRoutes } from './messaging-graphql.routes';
import { profileRoutes } from './profile.routes';
import { realtimeRoutes } from './realtime.routes';
import type { Route } from './route';
import { salesNavRoutes } from './sales-nav.routes';
import { sessionRoutes } from './session.routes';

export const ALL_ROUTES: Route[] = [
  ...profileRoutes,
  ...messagingGraphqlRoutes,
  ...messagesRoutes,
  ...conversationsRoutes,
  ...invitationRoutes,
  ...mediaRoutes,
  ...salesNavRoutes,
  ...realtimeRoutes,
  ...sessionRoutes,
];
