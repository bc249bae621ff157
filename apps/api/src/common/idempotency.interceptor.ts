import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type AuthContext, IdempotencyService } from '@threadline/core';
import type { Request, Response } from 'express';
import { type Observable, catchError, from, mergeMap, of, switchMap } from 'rxjs';

const AFTER_UPLOAD = 'threadline:idempotency-after-upload';

/** The request's Idempotency-Key, documented once per controller with @ApiHeader (a @Headers param would document it again as required). */
export const IdempotencyKey = createParamDecorator((_: unknown, ctx: ExecutionContext): string | undefined => {
  const value = ctx.switchToHttp().getRequest<Request>().headers['idempotency-key'];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
});
/** Multipart routes: the key is checked after the upload is parsed (by UploadIdempotencyInterceptor), so the file counts in the fingerprint. */
export const IdempotencyAfterUpload = () => SetMetadata(AFTER_UPLOAD, true);

type AuthedRequest = Request & { auth?: AuthContext; file?: { buffer: Buffer; originalname: string; mimetype: string } };

/**
 * `Idempotency-Key` on every POST: the first request runs and its 2xx response is stored; a retry with
 * the same key and request gets that response (`Idempotent-Replayed: true`), with another request 422.
 * Pending (202) and failed requests release the key: the action below them is idempotent by its own id.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  protected readonly afterUpload: boolean = false;

  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const header = req.headers['idempotency-key'];
    const key = Array.isArray(header) ? header[0] : header;
    const deferred = this.reflector.getAllAndOverride<boolean>(AFTER_UPLOAD, [context.getHandler(), context.getClass()]) ?? false;
    if (req.method !== 'POST' || !req.auth || key === undefined || deferred !== this.afterUpload) return next.handle();
    const auth = req.auth;
    const accountHeader = req.headers['x-account-id'];
    const fingerprint = {
      method: req.method,
      path: req.path,
      accountId: Array.isArray(accountHeader) ? accountHeader[0] : accountHeader,
      body: req.file ? { ...(req.body as object), file: { name: req.file.originalname, type: req.file.mimetype, bytes: req.file.buffer } } : req.body,
    };
    return from(this.idempotency.begin(auth, key, fingerprint)).pipe(
      switchMap((start) => {
        if (start.kind === 'replay') {
          res.status(start.status);
          res.setHeader('Idempotent-Replayed', 'true');
          return of(start.body);
        }
        return next.handle().pipe(
          mergeMap(async (body: unknown) => {
            if (res.statusCode >= 200 && res.statusCode < 300 && res.statusCode !== 202) await this.idempotency.complete(auth, key, res.statusCode, body);
            else await this.idempotency.release(auth, key);
            return body;
          }),
          catchError(async (err: unknown) => {
            await this.idempotency.release(auth, key);
            throw err;
          }),
        );
      }),
    );
  }
}

/** The same, run after the multipart parser of an upload route. */
@Injectable()
export class UploadIdempotencyInterceptor extends IdempotencyInterceptor {
  protected override readonly afterUpload = true;
}
