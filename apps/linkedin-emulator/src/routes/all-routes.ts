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

const cell = (text: string): string => text.replace(/\|/g, '\\|');

/** The README's "LinkedIn routes" table, one row per route in match order; a test keeps the README equal to it. */
export function routesTable(routes: readonly Route[] = ALL_ROUTES): string {
  const rows = routes.map((r) => `| \`${r.name}\`${r.group ? ` (group \`${r.group}\`)` : ''} | ${r.auth} | ${cell(r.request)} | ${cell(r.answer)} |`);
  return ['| Route name (faults, counts) | Auth | Request | Answer |', '|---|---|---|---|', ...rows].join('\n');
}
