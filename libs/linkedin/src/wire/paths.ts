/** Paths relative to the base URL (https://www.linkedin.com or the emulator). */
export const PATHS = {
  me: '/voyager/api/me',
  identityProfiles: '/voyager/api/identity/dash/profiles',
  messagingGraphql: '/voyager/api/voyagerMessagingGraphQL/graphql',
  graphql: '/voyager/api/graphql',
  messages: '/voyager/api/voyagerMessagingDashMessengerMessages',
  conversations: '/voyager/api/voyagerMessagingDashMessengerConversations',
  badge: '/voyager/api/voyagerMessagingDashMessagingBadge',
  deliveryAcks: '/voyager/api/voyagerMessagingDashMessengerMessageDeliveryAcknowledgements',
  uploadMetadata: '/voyager/api/voyagerVideoDashMediaUploadMetadata',
  realtimeConnect: '/realtime/connect',
  realtimeHeartbeat: '/realtime/realtimeFrontendClientConnectivityTracking',
  logout: '/uas/logout',
  salesThreads: '/sales-api/salesApiMessagingThreads',
  salesMessageActions: '/sales-api/salesApiMessageActions',
  salesCredits: '/sales-api/salesApiCredits',
  memberRelationships: '/voyager/api/voyagerRelationshipsDashMemberRelationships',
  sentInvitations: '/voyager/api/relationships/sentInvitationViewsV2',
  connections: '/voyager/api/relationships/dash/connections',
  salesProfiles: '/sales-api/salesApiProfiles',
  login: '/uas/login',
  checkpoint: '/checkpoint/',
} as const;

/** `?action=` names of the dash and Sales Navigator actions. */
export const ACTIONS = {
  createMessage: 'createMessage',
  typing: 'typing',
  recall: 'recall',
  reactWithEmoji: 'reactWithEmoji',
  unreactWithEmoji: 'unreactWithEmoji',
  addParticipants: 'addParticipants',
  removeParticipants: 'removeParticipants',
  markAllMessagesAsSeen: 'markAllMessagesAsSeen',
  sendDeliveryAcknowledgement: 'sendDeliveryAcknowledgement',
  upload: 'upload',
  sendHeartbeat: 'sendHeartbeat',
  markAsRead: 'markAsRead',
  markAsUnread: 'markAsUnread',
  verifyQuotaAndCreateV2: 'verifyQuotaAndCreateV2',
} as const;

/** Header names (lower case, as Node's fetch sends them). */
export const HEADERS = {
  cookie: 'cookie',
  csrfToken: 'csrf-token',
  restliProtocolVersion: 'x-restli-protocol-version',
  liTrack: 'x-li-track',
  liLang: 'x-li-lang',
  liPageInstance: 'x-li-page-instance',
  liIdentity: 'x-li-identity',
  realtimeSession: 'x-li-realtime-session',
  liAccept: 'x-li-accept',
  liRecipeAccept: 'x-li-recipe-accept',
  liQueryAccept: 'x-li-query-accept',
  liQueryMap: 'x-li-query-map',
  liRecipeMap: 'x-li-recipe-map',
  accept: 'accept',
  contentType: 'content-type',
  userAgent: 'user-agent',
  acceptLanguage: 'accept-language',
  referer: 'referer',
  origin: 'origin',
  location: 'location',
  setCookie: 'set-cookie',
  retryAfter: 'retry-after',
} as const;

/** Cookie names. */
export const COOKIES = { liAt: 'li_at', jsessionId: 'JSESSIONID', liA: 'li_a' } as const;

/** Header values with fixed meaning on the wire. */
export const HEADER_VALUES = {
  restliProtocolVersion: '2.0.0',
  liLang: 'en_US',
  acceptGraphql: 'application/graphql',
  acceptNormalized: 'application/vnd.linkedin.normalized+json+2.1',
  acceptJson: 'application/json',
  acceptEventStream: 'text/event-stream',
  contentTypeTextPlain: 'text/plain;charset=UTF-8',
  contentTypeJson: 'application/json; charset=UTF-8',
  referer: 'https://www.linkedin.com/messaging/',
  origin: 'https://www.linkedin.com',
  pageInstance: 'urn:li:page:messaging_thread;5accf988-7540-4d0a-8a28-a0732bf6de20',
} as const;

/** A browser-like `x-li-track` used when the account did not provide its own. */
export const DEFAULT_LI_TRACK = JSON.stringify({
  clientVersion: '1.13.40953',
  mpVersion: '1.13.40953',
  osName: 'web',
  deviceFormFactor: 'DESKTOP',
  mpName: 'voyager-web',
  displayDensity: 2,
  displayWidth: 2880,
  displayHeight: 1800,
});
