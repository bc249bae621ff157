import type { MetricsRegistry } from '@threadline/core';
import type { NextFunction, Request, Response } from 'express';

/**
 * Times every request into the latency histogram, labelled by the route template Express matched
 * (`/v1/accounts/:id`), never the raw path: ids and query strings would make a series per request.
 */
export function httpMetrics(metrics: MetricsRegistry) {
  return (req: Request, res: Response, next: NextFunction) => {
    const stop = metrics.httpDuration.startTimer();
    res.once('finish', () => {
      const route = (req.route as { path?: unknown } | undefined)?.path;
      stop({ method: req.method, route: typeof route === 'string' ? route : 'unmatched', status_code: String(res.statusCode) });
    });
    next();
  };
}
