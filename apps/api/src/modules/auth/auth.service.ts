import { HttpException, HttpStatus, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Session } from '@earshot/contracts';
import { APP_CONFIG, type AppConfig } from '../../config/env.js';
import { AuditService } from '../audit/audit.service.js';
import { DomainEvents } from '../../common/events/domain-events.js';
import { toUserDto } from '../users/user.mapper.js';
import { UsersRepository } from '../users/users.repository.js';
import type { UserEntity } from '../users/user.entity.js';
import type { WorkspaceEntity } from '../workspaces/workspace.entity.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { PasswordService } from './password.service.js';
import { hashSessionToken, newSessionToken } from './session-token.util.js';
import { SessionsRepository, type ActiveSession } from './sessions.repository.js';

export interface LoginMeta {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  /** The token the browser already had, if any: it is revoked (a new token on every sign-in). */
  previousToken: string | null;
}

export class TooManyAttemptsException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super({ error: 'Too Many Requests', message: `Too many sign-in attempts. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).` }, HttpStatus.TOO_MANY_REQUESTS);
  }
}

export function toSessionDto(user: UserEntity, workspace: WorkspaceEntity, expiresAt: Date): Session {
  return {
    user: toUserDto(user),
    workspace: { id: workspace.id, name: workspace.name, slug: workspace.slug, timeZone: workspace.timeZone },
    expiresAt: expiresAt.toISOString(),
  };
}

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly passwords: PasswordService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  /** Checks the credentials and opens a session; returns the cookie token and the session body. */
  async login(email: string, password: string, meta: LoginMeta): Promise<{ token: string; session: Session }> {
    const wait = this.throttle.take(email, meta.ip);
    if (wait > 0) {
      await this.audit.record({ workspaceId: null, actorUserId: null, action: 'auth.login_throttled', data: { email }, ip: meta.ip, requestId: meta.requestId });
      throw new TooManyAttemptsException(wait);
    }
    const user = await this.users.findByEmail(email);
    const ok = await this.passwords.verify(user?.passwordHash ?? null, password);
    if (!user || !ok || !user.active) {
      await this.audit.record({
        workspaceId: user?.workspaceId ?? null,
        actorUserId: null,
        action: 'auth.login_failed',
        targetType: user ? 'user' : undefined,
        targetId: user?.id,
        data: { email, reason: !user ? 'unknown_email' : !ok ? 'wrong_password' : 'inactive' },
        ip: meta.ip,
        requestId: meta.requestId,
      });
      throw new UnauthorizedException('Wrong e-mail or password.');
    }
    this.throttle.succeeded(email, meta.ip);
    if (meta.previousToken) {
      const previous = await this.sessions.findActive(hashSessionToken(meta.previousToken), new Date());
      if (previous) {
        await this.sessions.revoke(previous.session.id);
        this.events.emit('sessions.ended', { sessionIds: [previous.session.id] });
      }
    }
    const token = newSessionToken();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.config.sessionTtlMs);
    const session = await this.sessions.create({ tokenHash: hashSessionToken(token), userId: user.id, workspaceId: user.workspaceId, expiresAt, ip: meta.ip, userAgent: meta.userAgent?.slice(0, 255) ?? null });
    await this.users.touchLastLogin(user.id, now);
    user.lastLoginAt = now;
    await this.audit.record({ workspaceId: user.workspaceId, actorUserId: user.id, action: 'auth.login', targetType: 'session', targetId: session.id, ip: meta.ip, requestId: meta.requestId });
    const active = await this.sessions.findActive(session.tokenHash, now);
    if (!active) throw new UnauthorizedException('Wrong e-mail or password.');
    return { token, session: toSessionDto(active.user, active.workspace, expiresAt) };
  }

  /** The live session behind a cookie token, or null. */
  resolve(token: string): Promise<ActiveSession | null> {
    return this.sessions.findActive(hashSessionToken(token), new Date());
  }

  async logout(active: ActiveSession | null, meta: { ip: string | null; requestId: string | null }): Promise<void> {
    if (!active) return;
    await this.sessions.revoke(active.session.id);
    this.events.emit('sessions.ended', { sessionIds: [active.session.id] });
    await this.audit.record({ workspaceId: active.user.workspaceId, actorUserId: active.user.id, action: 'auth.logout', targetType: 'session', targetId: active.session.id, ...meta });
  }
}
