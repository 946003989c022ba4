import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ChangePasswordRequestSchema, LoginRequestSchema, SessionSchema, type Session } from '@earshot/contracts';
import type { Response } from 'express';
import type { z } from 'zod';
import { clientIp, type AuthContext, type AuthedRequest } from '../../common/auth-context.js';
import { ApiDoc } from '../../common/decorators/api-doc.decorator.js';
import { Auth } from '../../common/decorators/auth.decorator.js';
import { Public } from '../../common/decorators/public.decorator.js';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { requestMeta } from '../../common/request-meta.util.js';
import { APP_CONFIG, type AppConfig } from '../../config/env.js';
import { AllowPendingPasswordChange } from './allow-pending-password-change.decorator.js';
import { AuthService, TooManyAttemptsException, toSessionDto } from './auth.service.js';
import { DEVICE_COOKIE } from './device-cookie.util.js';
import { readSessionToken } from './read-session-token.util.js';
import { SESSION_COOKIE } from './session-token.util.js';

@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiDoc({
    tag: 'auth',
    summary:
      'Sign in; sets the httpOnly session cookie and a device cookie (this browser keeps its own sign-in allowance). 429 with Retry-After when throttled',
    body: LoginRequestSchema,
    response: SessionSchema,
  })
  async login(
    @Body(new ZodValidationPipe(LoginRequestSchema)) body: z.output<typeof LoginRequestSchema>,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Session> {
    try {
      const { token, session, deviceCookie, deviceCookieExpiresAt } = await this.auth.login(body.email, body.password, {
        ip: clientIp(req),
        userAgent: req.headers['user-agent'] ?? null,
        requestId: req.id ?? null,
        previousToken: readSessionToken(req),
        deviceCookie: (req.cookies as Record<string, unknown> | undefined)?.[DEVICE_COOKIE],
      });
      res.cookie(SESSION_COOKIE, token, this.cookieOptions(req, new Date(session.expiresAt)));
      // Sent back only to the sign-in route: it proves nothing anywhere else.
      res.cookie(DEVICE_COOKIE, deviceCookie, { ...this.cookieOptions(req, deviceCookieExpiresAt), sameSite: 'strict' as const, path: '/api/auth/login' });
      return session;
    } catch (e) {
      if (e instanceof TooManyAttemptsException) res.setHeader('Retry-After', String(e.retryAfterSeconds));
      throw e;
    }
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiDoc({ tag: 'auth', summary: 'Sign out: ends the session and clears the cookie', status: 204 })
  async logout(@Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response): Promise<void> {
    const token = readSessionToken(req);
    const active = token ? await this.auth.resolve(token) : null;
    await this.auth.logout(active, { ip: clientIp(req), requestId: req.id ?? null });
    res.clearCookie(SESSION_COOKIE, { ...this.cookieOptions(req, null) });
  }

  @Post('password')
  @HttpCode(200)
  @AllowPendingPasswordChange()
  @ApiDoc({
    tag: 'auth',
    summary: 'Change your own password (required first for an account whose password was generated); ends your other sessions',
    body: ChangePasswordRequestSchema,
    response: SessionSchema,
  })
  async changePassword(
    @Auth() auth: AuthContext,
    @Body(new ZodValidationPipe(ChangePasswordRequestSchema)) body: z.output<typeof ChangePasswordRequestSchema>,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Session> {
    try {
      return await this.auth.changePassword(auth, body.currentPassword, body.newPassword, requestMeta(req));
    } catch (e) {
      if (e instanceof TooManyAttemptsException) res.setHeader('Retry-After', String(e.retryAfterSeconds));
      throw e;
    }
  }

  @Get('me')
  @AllowPendingPasswordChange()
  @ApiDoc({ tag: 'auth', summary: 'The signed-in user, workspace and session expiry', response: SessionSchema })
  async me(@Auth() auth: AuthContext, @Req() req: AuthedRequest): Promise<Session> {
    const active = await this.auth.resolve(readSessionToken(req) ?? '');
    if (!active || active.session.id !== auth.sessionId) throw new UnauthorizedException('Sign in first: your session has ended.');
    return toSessionDto(active.user, active.workspace, active.session.expiresAt);
  }

  private cookieOptions(req: AuthedRequest, expires: Date | null) {
    const secure = req.secure || this.config.publicUrl?.protocol === 'https:';
    return { httpOnly: true, sameSite: 'lax' as const, secure, path: '/', ...(expires ? { expires } : {}) };
  }
}
