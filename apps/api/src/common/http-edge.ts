import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { answerClientErrorsInEnvelope } from './client-error';
import { jsonBodyParser } from './json-body';
import { requestIdOf } from './request-id';
import { StorableTextGuard } from './storable-text.guard';

/**
 * What every request meets before a controller: a request id first (so every error carries one), JSON
 * bodies with limits per route, text Postgres can store, and Node's own parser errors in our envelope.
 * The app must be created with `bodyParser: false`, so that these parsers are the only ones.
 */
export function configureHttpEdge(app: NestExpressApplication): void {
  app.disable('x-powered-by');
  app.use((req: Request, res: Response, next: NextFunction) => {
    requestIdOf(req, res);
    next();
  });
  app.use(jsonBodyParser());
  app.useGlobalGuards(new StorableTextGuard());
  answerClientErrorsInEnvelope(app.getHttpServer());
}
