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
    if (isAllowedOrigin(origin, req.headers.host, publicUrl)) return next();
    res.status(403).json({ statusCode: 403, error: 'Forbidden', message: `Requests from ${origin.slice(0, 100)} are not allowed.` });
  };
}

/** This site's own origin: EARSHOT_PUBLIC_URL, or the Host the request came to. Used for REST and socket handshakes alike. */
export function isAllowedOrigin(origin: string, host: string | undefined, publicUrl: URL | null): boolean {
  if (publicUrl && origin === publicUrl.origin) return true;
  return host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
}
