import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import { LoginRequestSchema, SessionSchema, type Session } from '@earshot/contracts';
import type { Response } from 'express';
import type { z } from 'zod';
import { clientIp, type AuthContext, type AuthedRequest } from '../../common/auth-context.js';
import { ApiDoc } from '../../common/decorators/api-doc.decorator.js';
import { Auth } from '../../common/decorators/auth.decorator.js';
import { Public } from '../../common/decorators/public.decorator.js';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { APP_CONFIG, type AppConfig } from '../../config/env.js';
import { AuthService, TooManyAttemptsException, toSessionDto } from './auth.service.js';
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
  @ApiDoc({ tag: 'auth', summary: 'Sign in; sets the httpOnly session cookie', body: LoginRequestSchema, response: SessionSchema })
  async login(@Body(new ZodValidationPipe(LoginRequestSchema)) body: z.output<typeof LoginRequestSchema>, @Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response): Promise<Session> {
    try {
      const { token, session } = await this.auth.login(body.email, body.password, {
        ip: clientIp(req),
        userAgent: req.headers['user-agent'] ?? null,
        requestId: req.id ?? null,
        previousToken: readSessionToken(req),
      });
      res.cookie(SESSION_COOKIE, token, this.cookieOptions(req, new Date(session.expiresAt)));
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

  @Get('me')
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
