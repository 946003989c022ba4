import { createParamDecorator, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import type { AuthContext, AuthedRequest } from '../auth-context.js';

/** The signed-in caller. Only on routes behind AuthGuard (all but @Public ones). */
export const Auth = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthContext => {
  const req = ctx.switchToHttp().getRequest<AuthedRequest>();
  if (!req.auth) throw new UnauthorizedException('Sign in first.');
  return req.auth;
});
