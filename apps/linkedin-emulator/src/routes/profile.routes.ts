import { IDENTITY_PROFILES_Q, PATHS, memberUrn, profileUrn } from '@threadline/linkedin/wire';
import { sendJson, sendStatus, wantsNormalized } from '../protocol/http';
import { miniProfileUrn } from '../protocol/urn';
import { authed } from './route';
import type { Route } from './route';

/** rootUrl of a member's picture; rootUrl + an artifact's path segment is the image (both are served). */
export function pictureRoot(baseUrl: string, profileId: string): string {
  return `${baseUrl}/dms/image/${profileId}/`;
}

// A 1×1 grey PNG stands in for every profile picture.
const PICTURE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGO4BwAA7ADr+XovGgAAAABJRU5ErkJggg==', 'base64');

export const profileRoutes: Route[] = [
  authed({
    name: 'me',
    request: "GET /voyager/api/me",
    answer: "`{miniProfile:{firstName,lastName,occupation,publicIdentifier,entityUrn:fs_miniProfile,dashEntityUrn:fsd_profile,picture{rootUrl,artifacts}},plainId}`",
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
          picture: {
            'com.linkedin.common.VectorImage': {
              rootUrl: pictureRoot(ctx.baseUrl, m.profileId),
              artifacts: [100, 200, 400].map((size) => ({ width: size, height: size, fileIdentifyingUrlPathSegment: `profile-displayphoto-shrink_${size}_${size}/0/` })),
            },
          },
        },
      });
    },
  }),
  authed({
    name: 'profiles',
    request: "GET /voyager/api/identity/dash/profiles?q=memberIdentity&memberIdentity=<vanity | id | member int>",
    answer: "`{elements:[{entityUrn,objectUrn,publicIdentifier,…}]}`, or normalized; 404 if unknown",
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
  {
    // media.licdn.com serves pictures without cookies.
    name: 'profilePicture',
    request: "GET|HEAD /dms/image/<profileId>/<artifact segment> (no cookies)",
    answer: "a PNG for the picture root and every artifact; 404 for an unknown member",
    auth: 'none',
    match: (ctx) => (ctx.method === 'GET' || ctx.method === 'HEAD') && ctx.segments[0] === 'dms' && ctx.segments[1] === 'image',
    handle: (ctx, app) => {
      if (!app.state.member(ctx.segments[2] ?? '')) return sendStatus(ctx.res, 404);
      ctx.res.writeHead(200, { 'content-type': 'image/png', 'content-length': PICTURE.length, 'cache-control': 'max-age=86400' });
      ctx.res.end(ctx.method === 'HEAD' ? undefined : PICTURE);
    },
  },
];
