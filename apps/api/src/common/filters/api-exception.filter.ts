import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { ApiError } from '@earshot/contracts';
import type { Request, Response } from 'express';

/**
 * Every error leaves as the same JSON shape (`ApiError`), with the request id. Unknown
 * errors become a 500 whose message reveals nothing; the details go to the log.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { id?: string }>();
    const body = this.toBody(exception, req);
    if (body.statusCode >= 500) this.logger.error({ err: exception, requestId: body.requestId }, 'Unhandled error');
    if (res.headersSent) return;
    res.status(body.statusCode).json(body);
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
        error: typeof r.error === 'string' ? r.error : (HttpStatus[status] ?? 'Error').replace(/_/g, ' ').toLowerCase().replace(/^\w/, (c) => c.toUpperCase()),
        message,
        ...(requestId ? { requestId } : {}),
        ...(Array.isArray(r.issues) ? { issues: r.issues as ApiError['issues'] } : {}),
        ...(typeof r.code === 'string' ? { code: r.code } : {}),
        ...(r.claimedBy !== undefined ? { claimedBy: r.claimedBy as ApiError['claimedBy'] } : {}),
      };
    }
    return { statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong on our side. Quote the request id when reporting it.', ...(requestId ? { requestId } : {}) };
  }
}
