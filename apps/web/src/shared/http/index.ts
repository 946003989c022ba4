export { http, request, type HttpMethod, type RequestOptions, type ResponseParser } from './http-client';
export { ApiRequestError, isApiRequestError } from './api-request-error';
export { onUnauthorized, notifyUnauthorized } from './unauthorized-events';
export { parseRetryAfter } from './parse-retry-after';
