import type { NextFunction, Request, Response } from 'express';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery guard (OWASP "verify origin with standard headers"): a
 * state-changing request that names an Origin must come from this site. Browsers always
 * send Origin on cross-site POST/PATCH/DELETE; scripts without one are unaffected.
 */
export function originCheck(publicUrl: URL | null) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.headers.origin;
    if (SAFE.has(req.method) || !origin) return next();
    const host = req.headers.host;
    const allowed = new Set<string>();
    if (publicUrl) allowed.add(publicUrl.origin);
    if (host) {
      allowed.add(`http://${host}`);
      allowed.add(`https://${host}`);
    }
    if (allowed.has(origin)) return next();
    res.status(403).json({ statusCode: 403, error: 'Forbidden', message: `Requests from ${origin.slice(0, 100)} are not allowed.` });
  };
}
