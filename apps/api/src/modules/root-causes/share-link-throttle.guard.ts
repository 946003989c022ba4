import { HttpException, HttpStatus, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';
import { clientIp, type AuthedRequest } from '../../common/auth-context.js';
import { ShareLinkThrottleService } from './share-link-throttle.service.js';

/**
 * The per-IP limit on the share-link routes, before the token is looked up or the body parsed:
 * 429 with `Retry-After` (seconds until the window ends) past SHARE_LINK_LIMITS.perIp.
 */
@Injectable()
export class ShareLinkThrottleGuard implements CanActivate {
  constructor(private readonly throttle: ShareLinkThrottleService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const decision = await this.throttle.take(clientIp(http.getRequest<AuthedRequest>()));
    if (decision.allowed) return true;
    http.getResponse<Response>().setHeader('Retry-After', String(decision.retryAfterSeconds));
    throw new HttpException(
      {
        error: 'Too Many Requests',
        message: `Too many requests for shared boards from your address. Try again in ${decision.retryAfterSeconds} second(s).`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
