import { IDENTITY_PROFILES_Q, PATHS, memberUrn, profileUrn } from '@threadline/linkedin/wire';
import { sendJson, sendStatus, wantsNormalized } from '../protocol/http';
import { miniProfileUrn } from '../protocol/urn';
import { authed } from './route';
import type { Route } from './route';

export const profileRoutes: Route[] = [
  authed({
    name: 'me',
    auth: 'session',
    match: (ctx) => ctx.method === 'GET' && ctx.path === PATHS.me,
    handle: (ctx, app, account) => {
      const m = app.state.member(account.profileId)!;
      sendJson(ctx.res, 200, {
        plainId: m.memberId,
        premiumSubscriber: account.liA !== null,
        miniProfile: {
          firstName: m.firstName,
          lastName: m.lastName,
          occupation: m.headline,
          publicIdentifier: m.publicIdentifier,
          memorialized: false,
          entityUrn: miniProfileUrn(m.profileId),
          dashEntityUrn: profileUrn(m.profileId),
          objectUrn: memberUrn(m.memberId),
          trackingId: Buffer.from(m.profileId.slice(0, 16)).toString('base64'),
          picture: { 'com.linkedin.common.VectorImage': { rootUrl: `${ctx.baseUrl}/dms/image/${m.profileId}/`, artifacts: [] } },
        },
      });
    },
  }),
  authed({
    name: 'profiles',
    auth: 'session',
    match: (ctx) => ctx.method === 'GET' && ctx.path === PATHS.identityProfiles,
    handle: (ctx, app) => {
      const identity = ctx.query('memberIdentity');
      if (ctx.query('q') !== IDENTITY_PROFILES_Q || !identity) return sendStatus(ctx.res, 400);
      const m = app.state.memberByIdentity(identity);
      if (!m) return sendStatus(ctx.res, 404);
      const element = {
        $type: 'com.linkedin.voyager.dash.identity.profile.Profile',
        entityUrn: profileUrn(m.profileId),
        objectUrn: memberUrn(m.memberId),
        publicIdentifier: m.publicIdentifier,
        firstName: m.firstName,
        lastName: m.lastName,
        headline: m.headline,
      };
      if (wantsNormalized(ctx)) {
        sendJson(ctx.res, 200, { data: { '*elements': [element.entityUrn], paging: { start: 0, count: 1, total: 1 } }, included: [element] });
      } else {
        sendJson(ctx.res, 200, { elements: [element], paging: { start: 0, count: 1, total: 1 } });
      }
    },
  }),
];
