import type { Role } from '@earshot/contracts';
import type { Request } from 'express';

/** Who is calling: set by AuthGuard on every authenticated request. */
export interface AuthContext {
  userId: string;
  workspaceId: string;
  role: Role;
  sessionId: string;
  email: string;
}

export type AuthedRequest = Request & { auth?: AuthContext; id?: string };

/** Client IP as Express sees it (honours TRUST_PROXY). */
export function clientIp(req: Request): string | null {
  return (req.ip ?? req.socket.remoteAddress ?? null)?.slice(0, 64) ?? null;
}
