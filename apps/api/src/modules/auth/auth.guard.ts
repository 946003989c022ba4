import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { hasRoleAtLeast, type Role } from '@earshot/contracts';
import { clientIp, type AuthedRequest } from '../../common/auth-context.js';
import { IS_PUBLIC } from '../../common/decorators/public.decorator.js';
import { MIN_ROLE } from '../../common/decorators/require-role.decorator.js';
import { AuditService } from '../audit/audit.service.js';
import { ALLOW_PENDING_PASSWORD_CHANGE, PASSWORD_CHANGE_REQUIRED, PASSWORD_CHANGE_REQUIRED_MESSAGE } from './allow-pending-password-change.decorator.js';
import { AuthService } from './auth.service.js';
import { readSessionToken } from './read-session-token.util.js';

/**
 * Runs on every route (global guard). Public routes pass; every other route needs a live
 * session of an active user, and the user's current role must reach the route's minimum.
 * Role and workspace are read from the database on each request, so a demotion or a
 * deactivation takes effect on the very next request. A user who must still replace a
 * generated password reaches only the routes marked @AllowPendingPasswordChange().
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const token = readSessionToken(req);
    const active = token ? await this.auth.resolve(token) : null;
    if (!active) throw new UnauthorizedException('Sign in first: your session is missing or has ended.');
    req.auth = { userId: active.user.id, workspaceId: active.user.workspaceId, role: active.user.role, sessionId: active.session.id, email: active.user.email };
    if (active.user.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(ALLOW_PENDING_PASSWORD_CHANGE, targets)) {
      throw new ForbiddenException({ error: 'Forbidden', message: PASSWORD_CHANGE_REQUIRED_MESSAGE, code: PASSWORD_CHANGE_REQUIRED });
    }
    const minRole = this.reflector.getAllAndOverride<Role | undefined>(MIN_ROLE, targets);
    if (minRole && !hasRoleAtLeast(active.user.role, minRole)) {
      await this.audit.record({
        workspaceId: active.user.workspaceId,
        actorUserId: active.user.id,
        action: 'access.denied',
        data: { method: req.method, path: req.originalUrl.split('?')[0], role: active.user.role, required: minRole },
        ip: clientIp(req),
        requestId: req.id ?? null,
      });
      throw new ForbiddenException(`This needs the ${minRole} role or higher; you are ${active.user.role}.`);
    }
    return true;
  }
}
