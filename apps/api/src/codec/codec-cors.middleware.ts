import type { NextFunction, Request, Response } from 'express';

/**
 * CORS for the Temporal Web UI only: its browser code posts payloads to the codec endpoint from
 * another origin (TEMPORAL_UI_URL), with a preflight for the X-Namespace and Authorization headers.
 */
export function codecCors(uiUrl: string) {
  const uiOrigin = new URL(uiUrl).origin;
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.headers.origin === uiOrigin) {
      res.setHeader('Access-Control-Allow-Origin', uiOrigin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Vary', 'Origin');
    }
    if (req.method !== 'OPTIONS') return next();
    res.setHeader('Access-Control-Allow-Methods', 'POST');
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization, X-Namespace');
    res.setHeader('Access-Control-Max-Age', '600');
    res.status(204).end();
  };
}
