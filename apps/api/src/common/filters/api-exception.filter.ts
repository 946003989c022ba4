import {
  ArgumentsHost,
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  NotFoundException,
  Optional,
  UnauthorizedException,
  type ExceptionFilter,
} from '@nestjs/common';
import type { ApiError } from '@earshot/contracts';
import type { Request, Response } from 'express';
import { AuthService } from '../../modules/auth/auth.service.js';
import { readSessionToken } from '../../modules/auth/read-session-token.util.js';

/** What the auth guard answers; an unmatched /api path gives anonymous callers the same. */
const SIGN_IN_FIRST = 'Sign in first: your session is missing or has ended.';

/**
 * Every error leaves as the same JSON shape (`ApiError`), with the request id. Unknown
 * errors become a 500 whose message reveals nothing; the details go to the log.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  constructor(@Optional() private readonly auth?: AuthService) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { id?: string }>();
    const body = this.toBody((await this.isAnonymousMiss(exception, req)) ? new UnauthorizedException(SIGN_IN_FIRST) : exception, req);
    if (body.statusCode >= 500) this.logger.error({ err: exception, requestId: body.requestId }, 'Unhandled error');
    if (res.headersSent) return;
    res.status(body.statusCode).json(body);
  }

  /**
   * No route matched an /api path (`/api/users.json`, `/api//users`) and the caller has no
   * live session. Answering 404 there but 401 on real routes would let anyone map the api
   * without signing in, so anonymous callers get the guard's 401 for every non-public path.
   * A signed-in caller still gets the 404. A 404 thrown by a handler (no such mention) has a
   * real route; Nest's not-found handler is a catch-all route (`*path`) under the prefix.
   */
  private async isAnonymousMiss(exception: unknown, req: Request): Promise<boolean> {
    if (!(exception instanceof NotFoundException) || !this.auth) return false;
    const routePath = (req as { route?: { path?: unknown } }).route?.path;
    if (routePath !== undefined && routePath !== '*path' && routePath !== '*') return false;
    if (!/^\/api(\/|$)/i.test(req.originalUrl.split('?')[0]!)) return false;
    const token = readSessionToken(req);
    if (!token) return true;
    try {
      return (await this.auth.resolve(token)) === null;
    } catch {
      return true;
    }
  }

  private toBody(exception: unknown, req: Request & { id?: string }): ApiError {
    const requestId = typeof req.id === 'string' ? req.id : undefined;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const r = typeof response === 'string' ? { message: response } : (response as Record<string, unknown>);
      const causeType = (exception.cause as { type?: unknown } | undefined)?.type;
      const message =
        causeType === 'entity.parse.failed'
          ? `The request body is not valid JSON (${exception.message}).`
          : causeType === 'entity.too.large'
            ? 'The request body is too large (at most 256 KB).'
            : Array.isArray(r.message)
              ? r.message.join('; ')
              : typeof r.message === 'string'
                ? r.message
                : exception.message;
      return {
        statusCode: status,
        error:
          typeof r.error === 'string'
            ? r.error
            : (HttpStatus[status] ?? 'Error')
                .replace(/_/g, ' ')
                .toLowerCase()
                .replace(/^\w/, (c) => c.toUpperCase()),
        message,
        ...(requestId ? { requestId } : {}),
        ...(Array.isArray(r.issues) ? { issues: r.issues as ApiError['issues'] } : {}),
        ...(typeof r.code === 'string' ? { code: r.code } : {}),
        ...(r.claimedBy !== undefined ? { claimedBy: r.claimedBy as ApiError['claimedBy'] } : {}),
        ...(Array.isArray(r.findings) ? { findings: r.findings as ApiError['findings'] } : {}),
        ...(Array.isArray(r.missing) ? { missing: r.missing as ApiError['missing'] } : {}),
      };
    }
    return {
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Something went wrong on our side. Quote the request id when reporting it.',
      ...(requestId ? { requestId } : {}),
    };
  }
}
