import { clientIp, type AuthedRequest } from './auth-context.js';

/** What the audit log records about the request behind a change. */
export interface RequestMeta {
  ip: string | null;
  requestId: string | null;
}

export function requestMeta(req: AuthedRequest): RequestMeta {
  return { ip: clientIp(req), requestId: req.id ?? null };
}
