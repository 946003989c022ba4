import { ApiErrorSchema, type ApiError } from '@earshot/contracts';
import { ApiRequestError } from './api-request-error';
import { notifyUnauthorized } from './unauthorized-events';
import { parseRetryAfter } from './parse-retry-after';

/** Anything with zod's `parse`: the contracts schemas. */
export interface ResponseParser<T> {
  parse(data: unknown): T;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
  /**
   * A 401 normally means the session ended: the client announces it and the user is
   * sent to the login page. Calls for which 401 is an expected answer (login, "who am
   * I") turn that off.
   */
  redirectOnUnauthorized?: boolean;
}

const GENERIC_MESSAGES: Record<number, string> = {
  400: 'The request was not accepted.',
  401: 'You need to sign in again.',
  403: "You don't have permission to do that.",
  404: 'That item no longer exists.',
  409: 'That conflicts with existing data.',
  429: 'Too many attempts. Wait a moment and try again.',
};

/**
 * Sends a JSON request to the api on the same origin and parses the answer with a
 * contracts schema. Error responses become an `ApiRequestError` carrying the server's
 * message and field issues.
 */
export async function request<T>(method: HttpMethod, path: string, options: RequestOptions & { schema: ResponseParser<T> }): Promise<T>;
export async function request(method: HttpMethod, path: string, options?: RequestOptions): Promise<void>;
export async function request<T>(method: HttpMethod, path: string, options: RequestOptions & { schema?: ResponseParser<T> } = {}): Promise<T | void> {
  const { body, signal, schema, redirectOnUnauthorized = true } = options;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : JSON.stringify(body),
      ...(signal ? { signal } : {}),
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiRequestError(
      { statusCode: 0, error: 'Network Error', message: "Can't reach the Earshot server. Check your connection and try again." },
      { cause },
    );
  }

  const text = await response.text();

  if (!response.ok) {
    if (response.status === 401 && redirectOnUnauthorized) notifyUnauthorized();
    throw new ApiRequestError(toApiError(response, text), {
      retryAfterSeconds: parseRetryAfter(response.headers.get('Retry-After')),
      raw: parseJson(text),
    });
  }

  if (!schema) return;
  try {
    return schema.parse(text === '' ? undefined : JSON.parse(text));
  } catch (cause) {
    throw new ApiRequestError(
      {
        statusCode: 0,
        error: 'Unexpected Response',
        message: 'The server sent an answer this version of the dashboard does not understand. Reload the page and try again.',
      },
      { cause },
    );
  }
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

function toApiError(response: Response, text: string): ApiError {
  const json = parseJson(text);
  const parsed = ApiErrorSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  return {
    statusCode: response.status,
    error: response.statusText || `HTTP ${response.status}`,
    message: GENERIC_MESSAGES[response.status] ?? 'Something went wrong on the server. Try again in a moment.',
  };
}

export const http = {
  get: <T>(path: string, schema: ResponseParser<T>, options: Omit<RequestOptions, 'body'> = {}) => request('GET', path, { ...options, schema }),
  post: <T>(path: string, body: unknown, schema: ResponseParser<T>, options: Omit<RequestOptions, 'body'> = {}) =>
    request('POST', path, { ...options, body, schema }),
  patch: <T>(path: string, body: unknown, schema: ResponseParser<T>, options: Omit<RequestOptions, 'body'> = {}) =>
    request('PATCH', path, { ...options, body, schema }),
  /** For endpoints that answer 204 No Content. */
  send: (method: HttpMethod, path: string, options: RequestOptions = {}) => request(method, path, options),
};
