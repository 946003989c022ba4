import type { ApiError, FieldIssue } from '@earshot/contracts';

/**
 * A failed api call, shaped like the api's error body (`ApiError`) so callers can show
 * the server's own message and per-field issues. `statusCode` is 0 when no response
 * arrived (network down) or the response broke the contract.
 */
export class ApiRequestError extends Error implements ApiError {
  override readonly name = 'ApiRequestError';
  readonly statusCode: number;
  readonly error: string;
  readonly requestId: string | undefined;
  readonly issues: FieldIssue[];
  /** Seconds the server asked us to wait (`Retry-After`), when it said so. */
  readonly retryAfterSeconds: number | null;
  /** The error body as received (unknown shape): endpoint-specific details such as a 409's `claimedBy`. */
  readonly raw: unknown;

  constructor(body: ApiError, options: { retryAfterSeconds?: number | null; cause?: unknown; raw?: unknown } = {}) {
    super(body.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.statusCode = body.statusCode;
    this.error = body.error;
    this.requestId = body.requestId;
    this.issues = body.issues ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
    this.raw = options.raw;
  }
}

export function isApiRequestError(value: unknown): value is ApiRequestError {
  return value instanceof ApiRequestError;
}
