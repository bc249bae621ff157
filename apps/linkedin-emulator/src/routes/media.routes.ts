import { ACTIONS, PATHS } from '@threadline/linkedin/wire';
import type { MediaUploadType } from '@threadline/linkedin/wire';
import type { EmulatorApp } from '../app';
import type { RequestContext } from '../protocol/http';
import { isRecord, jsonBody, sendEmpty, sendJson, sendStatus, wantsNormalized } from '../protocol/http';
import { assetUrn } from '../protocol/urn';
import { authed, isPost } from './route';
import type { Route } from './route';

const UPLOAD_TYPES: MediaUploadType[] = ['MESSAGING_PHOTO_ATTACHMENT', 'MESSAGING_FILE_ATTACHMENT', 'MESSAGING_VIDEO_ATTACHMENT', 'VOICE_MESSAGE'];

function serveMedia(ctx: RequestContext, app: EmulatorApp, assetId: string | undefined): void {
  const asset = assetId ? app.state.assets.get(assetId) : undefined;
  if (!asset || !asset.bytes) return sendStatus(ctx.res, 404);
  ctx.res.writeHead(200, {
    'content-type': asset.mediaType,
    'content-length': asset.bytes.length,
    'content-disposition': `inline; filename="${asset.filename.replace(/"/g, '')}"`,
  });
  ctx.res.end(ctx.method === 'HEAD' ? undefined : asset.bytes);
}

export const mediaRoutes: Route[] = [
  authed({
    name: 'upload',
    request: "POST /voyager/api/voyagerVideoDashMediaUploadMetadata?action=upload {mediaUploadType,fileSize,filename}",
    answer: "`{data:{value:{urn,singleUploadUrl,singleUploadHeaders,type:\"SINGLE\"}}}` when the accept is normalized, else `{value}`",
    auth: 'session',
    match: (ctx) => isPost(ctx, PATHS.uploadMetadata, ACTIONS.upload),
    handle: (ctx, app, account) => {
      const body = jsonBody(ctx);
      if (!isRecord(body) || !UPLOAD_TYPES.includes(body.mediaUploadType as MediaUploadType)) return sendStatus(ctx.res, 400);
      if (typeof body.fileSize !== 'number' || body.fileSize < 0 || typeof body.filename !== 'string' || !body.filename) return sendStatus(ctx.res, 400);
      const id = app.state.mintAssetId();
      app.state.assets.set(id, {
        id,
        uploadType: body.mediaUploadType as string,
        filename: body.filename,
        declaredSize: body.fileSize,
        mediaType: 'application/octet-stream',
        bytes: null,
        owner: account.profileId,
      });
      const value = {
        $type: 'com.linkedin.voyager.dash.videocontent.MediaUploadMetadata',
        urn: assetUrn(id),
        singleUploadUrl: `${ctx.baseUrl}/dms-uploads/${id}/uploaded-file/0?ca=vector_messaging&cn=uploads&v=beta`,
        singleUploadHeaders: { 'Content-Type': 'application/octet-stream' },
        type: 'SINGLE',
        assetRealtimeTopic: `urn:li-realtime:digitalmediaAssetUpdatesTopic:${assetUrn(id)}`,
      };
      if (wantsNormalized(ctx)) sendJson(ctx.res, 200, { data: { value, $type: 'com.linkedin.restli.common.ActionResponse' }, included: [] });
      else sendJson(ctx.res, 200, { value });
    },
  }),
  authed({
    name: 'uploadPut',
    request: "PUT <singleUploadUrl> (/dms-uploads/<asset>/…)",
    answer: "201",
    auth: 'session',
    match: (ctx) => ctx.method === 'PUT' && ctx.segments[0] === 'dms-uploads',
    handle: (ctx, app) => {
      const asset = app.state.assets.get(ctx.segments[1] ?? '');
      if (!asset) return sendStatus(ctx.res, 404);
      asset.bytes = ctx.body;
      asset.mediaType = ctx.header('content-type')?.split(';')[0].trim() || 'application/octet-stream';
      sendEmpty(ctx.res, 201);
    },
  }),
  {
    // www.linkedin.com media URLs take the session cookies but no csrf (§5.9).
    name: 'media',
    request: "GET|HEAD /dms/prv/v2/<asset>/… (li_at cookie, no csrf)",
    answer: "the bytes with `Content-Type`, `Content-Length`, `Content-Disposition: inline; filename=\"…\"`",
    auth: 'cookie',
    match: (ctx) => (ctx.method === 'GET' || ctx.method === 'HEAD') && ctx.segments[0] === 'dms' && ctx.segments[1] === 'prv',
    handle: (ctx, app) => serveMedia(ctx, app, ctx.segments[3]),
  },
  {
    // media.licdn.com-style URLs work without any cookies.
    name: 'media',
    request: "GET|HEAD /media-licdn/dms/<asset>/… (no cookies)",
    answer: "the same bytes",
    auth: 'none',
    match: (ctx) => (ctx.method === 'GET' || ctx.method === 'HEAD') && ctx.segments[0] === 'media-licdn' && ctx.segments[1] === 'dms',
    handle: (ctx, app) => serveMedia(ctx, app, ctx.segments[2]),
  },
];
