import { jest } from '@jest/globals';
import { UserSchema } from '@earshot/contracts';
import { apiError, mockApi, type MockApi } from '../../../test/mock-api';
import { buildUser } from '../../../test/factories';
import { ApiRequestError } from '../api-request-error';
import { http } from '../http-client';
import { onUnauthorized } from '../unauthorized-events';
import { parseRetryAfter } from '../parse-retry-after';

let api: MockApi;
afterEach(() => api.restore());

async function caught(promise: Promise<unknown>): Promise<ApiRequestError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiRequestError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('http client', () => {
  it('sends JSON with same-origin credentials and parses the answer with the schema', async () => {
    const user = buildUser();
    api = mockApi({ 'POST /api/users': { status: 201, body: user } });

    await expect(http.post('/api/users', { name: 'Ana' }, UserSchema)).resolves.toEqual(user);
    expect(api.calls[0]).toMatchObject({ method: 'POST', body: { name: 'Ana' }, credentials: 'same-origin' });
  });

  it('turns an error body into an ApiRequestError with its field issues', async () => {
    api = mockApi({
      'POST /api/users': apiError(400, 'Bad Request', 'validation failed', [{ path: 'email', message: 'must be an e-mail address' }]),
    });

    const error = await caught(http.post('/api/users', {}, UserSchema));
    expect(error.statusCode).toBe(400);
    expect(error.message).toBe('validation failed');
    expect(error.issues).toEqual([{ path: 'email', message: 'must be an e-mail address' }]);
  });

  it('reads Retry-After on 429', async () => {
    api = mockApi({ 'POST /api/auth/login': { ...apiError(429, 'Too Many Requests', 'slow down'), headers: { 'Retry-After': '30' } } });

    const error = await caught(http.post('/api/auth/login', {}, UserSchema, { redirectOnUnauthorized: false }));
    expect(error.retryAfterSeconds).toBe(30);
  });

  it('rejects a response that breaks the contract', async () => {
    api = mockApi({ 'GET /api/users/1': { status: 200, body: { id: 'not-a-uuid' } } });

    const error = await caught(http.get('/api/users/1', UserSchema));
    expect(error.statusCode).toBe(0);
    expect(error.error).toBe('Unexpected Response');
  });

  it('gives a readable error when the body is not an ApiError', async () => {
    api = mockApi({ 'GET /api/users': { status: 502 } });

    const error = await caught(http.get('/api/users', UserSchema));
    expect(error.statusCode).toBe(502);
    expect(error.message).toMatch(/went wrong on the server/);
  });

  it('announces a 401 unless the call expects one', async () => {
    api = mockApi({ 'GET /api/users': apiError(401, 'Unauthorized', 'no session') });
    const heard = jest.fn();
    const stop = onUnauthorized(heard);
    try {
      await caught(http.get('/api/users', UserSchema, { redirectOnUnauthorized: false }));
      expect(heard).not.toHaveBeenCalled();
      await caught(http.get('/api/users', UserSchema));
      expect(heard).toHaveBeenCalledTimes(1);
    } finally {
      stop();
    }
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = new Date('2026-11-23T10:00:00Z');
    expect(parseRetryAfter('45', now)).toBe(45);
    expect(parseRetryAfter('Mon, 23 Nov 2026 10:02:00 GMT', now)).toBe(120);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});
