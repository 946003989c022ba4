import { BadRequestException, HttpException, HttpStatus, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Session } from '@earshot/contracts';
import type { AuthContext } from '../../common/auth-context.js';
import { loadSecretKey } from '../../common/crypto/secret-box.js';
import type { RequestMeta } from '../../common/request-meta.util.js';
import { APP_CONFIG, type AppConfig } from '../../config/env.js';
import { AuditService } from '../audit/audit.service.js';
import { DomainEvents } from '../../common/events/domain-events.js';
import { toUserDto } from '../users/user.mapper.js';
import { UsersRepository } from '../users/users.repository.js';
import type { UserEntity } from '../users/user.entity.js';
import type { WorkspaceEntity } from '../workspaces/workspace.entity.js';
import { DeviceCookies } from './device-cookie.util.js';
import { LoginThrottleService, type ThrottleDecision } from './login-throttle.service.js';
import { PasswordService } from '../users/password.service.js';
import { hashSessionToken, newSessionToken } from './session-token.util.js';
import { SessionsRepository, type ActiveSession } from './sessions.repository.js';

export interface LoginMeta {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  /** The token the browser already had, if any: it is revoked (a new token on every sign-in). */
  previousToken: string | null;
  /** The browser's device cookie, if any: valid for this account, it has its own allowance. */
  deviceCookie: unknown;
}

export interface LoginResult {
  token: string;
  session: Session;
  /** A fresh device cookie value for this browser and account. */
  deviceCookie: string;
  deviceCookieExpiresAt: Date;
}

export class TooManyAttemptsException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      { error: 'Too Many Requests', message: `Too many sign-in attempts. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).` },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

export function toSessionDto(user: UserEntity, workspace: WorkspaceEntity, expiresAt: Date): Session {
  return {
    user: toUserDto(user),
    workspace: { id: workspace.id, name: workspace.name, slug: workspace.slug, timeZone: workspace.timeZone, reportWeekStart: workspace.reportWeekStart },
    expiresAt: expiresAt.toISOString(),
    mustChangePassword: user.mustChangePassword,
  };
}

@Injectable()
export class AuthService {
  private readonly devices: DeviceCookies;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly passwords: PasswordService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {
    this.devices = new DeviceCookies(loadSecretKey(config));
  }

  /** Checks the credentials and opens a session; returns the cookie token and the session body. */
  async login(email: string, password: string, meta: LoginMeta): Promise<LoginResult> {
    const device = this.devices.verify(meta.deviceCookie, email, Date.now());
    const decision = await this.throttle.take({ email, ip: meta.ip, device });
    if (!decision.allowed) await this.refuse('auth.login_throttled', decision, { email, trustedDevice: device !== null }, null, meta);
    const ticket = decision.allowed ? decision.ticket : null;
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
    if (ticket) await this.throttle.succeeded(ticket);
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
    const session = await this.sessions.create({
      tokenHash: hashSessionToken(token),
      userId: user.id,
      workspaceId: user.workspaceId,
      expiresAt,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 255) ?? null,
    });
    await this.users.touchLastLogin(user.id, now);
    user.lastLoginAt = now;
    await this.audit.record({
      workspaceId: user.workspaceId,
      actorUserId: user.id,
      action: 'auth.login',
      targetType: 'session',
      targetId: session.id,
      ip: meta.ip,
      requestId: meta.requestId,
    });
    const active = await this.sessions.findActive(session.tokenHash, now);
    if (!active) throw new UnauthorizedException('Wrong e-mail or password.');
    const issued = this.devices.issue(email, now.getTime(), device);
    return {
      token,
      session: toSessionDto(active.user, active.workspace, expiresAt),
      deviceCookie: issued.value,
      deviceCookieExpiresAt: new Date(issued.device.expiresAt),
    };
  }

  /**
   * The signed-in user replaces their password (the way out of a generated first password).
   * Needs the current one (throttled per user); ends every other session of the user.
   */
  async changePassword(auth: AuthContext, currentPassword: string, newPassword: string, meta: RequestMeta): Promise<Session> {
    const decision = await this.throttle.takePasswordChange(auth.userId);
    if (!decision.allowed) await this.refuse('auth.password_change_throttled', decision, {}, auth, meta);
    const user = await this.users.findInWorkspace(auth.workspaceId, auth.userId);
    if (!user) throw new UnauthorizedException('Sign in first: your session has ended.');
    if (!(await this.passwords.verify(user.passwordHash, currentPassword))) {
      await this.audit.record({
        workspaceId: auth.workspaceId,
        actorUserId: auth.userId,
        action: 'auth.password_change_failed',
        targetType: 'user',
        targetId: auth.userId,
        ...meta,
      });
      throw new BadRequestException({
        error: 'Bad Request',
        message: 'The current password is wrong.',
        issues: [{ path: 'currentPassword', message: 'is not your current password' }],
      });
    }
    const passwordHash = await this.passwords.hash(newPassword);
    const wasRequired = user.mustChangePassword;
    await this.users.transaction(async (m) => {
      user.passwordHash = passwordHash;
      user.mustChangePassword = false;
      await this.users.save(m, user);
      await this.sessions.revokeAllForUser(m, user.id, auth.sessionId);
      await this.audit.record(
        {
          workspaceId: auth.workspaceId,
          actorUserId: auth.userId,
          action: 'auth.password_changed',
          targetType: 'user',
          targetId: user.id,
          data: { wasRequired },
          ...meta,
        },
        m,
      );
    });
    if (decision.allowed) await this.throttle.succeeded(decision.ticket);
    this.events.emit('sessions.ended', { userId: user.id, keepSessionId: auth.sessionId });
    const active = await this.sessions.findActiveById(auth.sessionId, new Date());
    if (!active) throw new UnauthorizedException('Sign in first: your session has ended.');
    return toSessionDto(active.user, active.workspace, active.session.expiresAt);
  }

  /** A throttled attempt: audited only when it is the one that blocked a key (one row per burst). */
  private async refuse(
    action: string,
    decision: Extract<ThrottleDecision, { allowed: false }>,
    data: Record<string, unknown>,
    auth: AuthContext | null,
    meta: { ip: string | null; requestId: string | null },
  ): Promise<never> {
    if (decision.newlyBlocked.length > 0) {
      await this.audit.record({
        workspaceId: auth?.workspaceId ?? null,
        actorUserId: auth?.userId ?? null,
        action,
        data: { ...data, blocked: decision.newlyBlocked, forSeconds: decision.retryAfterSeconds },
        ip: meta.ip,
        requestId: meta.requestId,
      });
    }
    throw new TooManyAttemptsException(decision.retryAfterSeconds);
  }

  /** The live session behind a cookie token, or null. */
  resolve(token: string): Promise<ActiveSession | null> {
    return this.sessions.findActive(hashSessionToken(token), new Date());
  }

  async logout(active: ActiveSession | null, meta: { ip: string | null; requestId: string | null }): Promise<void> {
    if (!active) return;
    await this.sessions.revoke(active.session.id);
    this.events.emit('sessions.ended', { sessionIds: [active.session.id] });
    await this.audit.record({
      workspaceId: active.user.workspaceId,
      actorUserId: active.user.id,
      action: 'auth.logout',
      targetType: 'session',
      targetId: active.session.id,
      ...meta,
    });
  }
}
