import { ConnectorError } from './connector.js';
import { classifyHttpFailure, HttpClient } from './http-client.js';
import { compareNumericIds, maxNumericId } from './ids.js';
import { isoOrNull } from './json.js';
import { parseRateLimit } from './rate-limit.js';
import { replyLength } from './reply-length.js';
import { assertHttpBaseUrl, safeHttpUrl, trimTrailingSlashes } from './safe-url.js';
import { decodeEntities, stripHtml } from './strip-html.js';

/**
 * CPU milliseconds this process has used: the linear-scan bounds below are on work done, not on
 * wall time, so a loaded machine (CI beside other jobs) cannot make them flaky.
 */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

const h = (o: Record<string, string>): Headers => new Headers(o);
const NOW = Date.parse('2026-11-20T09:14:00.000Z');

describe('stripHtml / decodeEntities', () => {
  it('turns Mastodon content into plain text', () => {
    expect(stripHtml('<p><span class="h-card"><a href="https://m.example/@acme">@<span>acme</span></a></span> late &amp; lost</p><p>a<br />b</p>')).toBe(
      '@acme late & lost\n\na\nb',
    );
  });
  it('drops script bodies and decodes numeric entities; never re-creates markup', () => {
    expect(stripHtml('<script>alert(1)</script>x &#60;b&#x3e; &unknown;')).toBe('x <b> &unknown;');
    expect(decodeEntities('&#0; &#xD800; &rsquo;')).toBe('\ufffd \ufffd \u2019');
  });
});

describe('safeHttpUrl / assertHttpBaseUrl', () => {
  it.each([['javascript:alert(1)'], ['data:text/html,x'], ['/relative'], ['https://user:pw@host/'], [''], [42]])('rejects %p', (v) => {
    expect(safeHttpUrl(v)).toBeNull();
  });
  it('keeps http(s) URLs', () => {
    expect(safeHttpUrl('https://x.com/a/status/1')).toBe('https://x.com/a/status/1');
  });
  it('accepts loopback base URLs (the simulator) but only http/https', () => {
    expect(assertHttpBaseUrl('http://127.0.0.1:4100/mastodon/')).toBe('http://127.0.0.1:4100/mastodon');
    expect(() => assertHttpBaseUrl('file:///etc/passwd')).toThrow(ConnectorError);
    expect(() => assertHttpBaseUrl('gopher://x')).toThrow(/http or https/);
  });
});

describe('parseRateLimit (five reset formats)', () => {
  it('Mastodon: ISO-8601 instant', () => {
    const r = parseRateLimit(
      'mastodon',
      h({ 'X-RateLimit-Limit': '300', 'X-RateLimit-Remaining': '12', 'X-RateLimit-Reset': '2026-11-20T09:15:00.019685Z' }),
      NOW,
    );
    expect(r).toMatchObject({ limit: 300, remaining: 12 });
    expect(r?.resetAt?.toISOString()).toBe('2026-11-20T09:15:00.019Z');
  });
  it('Bluesky: epoch seconds + Retry-After', () => {
    const r = parseRateLimit(
      'bluesky',
      h({ 'RateLimit-Limit': '3000', 'RateLimit-Remaining': '0', 'RateLimit-Reset': '1763630100', 'Retry-After': '60' }),
      NOW,
    );
    expect(r?.resetAt?.getTime()).toBe(1763630100_000);
    expect(r?.retryAfterMs).toBe(60_000);
  });
  it('Reddit: relative seconds, float remaining', () => {
    const r = parseRateLimit('reddit', h({ 'X-Ratelimit-Used': '2', 'X-Ratelimit-Remaining': '598.0', 'X-Ratelimit-Reset': '90' }), NOW);
    expect(r).toMatchObject({ remaining: 598, limit: 600 });
    expect(r?.resetAt?.getTime()).toBe(NOW + 90_000);
  });
  it('X: epoch seconds; none → null', () => {
    expect(
      parseRateLimit('x', h({ 'x-rate-limit-limit': '450', 'x-rate-limit-remaining': '449', 'x-rate-limit-reset': '1763630100' }), NOW)?.resetAt?.getTime(),
    ).toBe(1763630100_000);
    expect(parseRateLimit('x', h({}), NOW)).toBeNull();
  });
});

describe('classifyHttpFailure', () => {
  it.each([
    ['mastodon', 429, '{"error":"Too many requests"}', 'rate_limited'],
    ['mastodon', 401, '{"error":"The access token is invalid"}', 'auth_expired'],
    ['bluesky', 400, '{"error":"ExpiredToken","message":"Token has expired"}', 'auth_expired'],
    ['bluesky', 400, '{"error":"BadQueryString","message":"bad"}', 'bad_request'],
    ['reddit', 429, '<html>whoa there, pardner!</html>', 'rate_limited'],
    ['reddit', 502, '<html>bad gateway</html>', 'retry'],
    ['x', 403, '{"title":"Forbidden","detail":"You are not allowed to create a Tweet with duplicate content.","status":403}', 'bad_request'],
    ['x', 404, '{}', 'bad_request'],
    ['x', 302, '', 'bad_request'],
  ] as const)('%s %i → %s', (platform, status, body, failure) => {
    const err = classifyHttpFailure(platform, status, h({}), body, NOW);
    expect(err.failure).toBe(failure);
    expect(err.status).toBe(status);
  });
  it('429 carries retryAt from the platform reset header', () => {
    const err = classifyHttpFailure('x', 429, h({ 'x-rate-limit-reset': '1763630100' }), '{}', NOW);
    expect(err.retryAt?.getTime()).toBe(1763630100_000);
  });
});

describe('HttpClient', () => {
  const respond = (body: string, status = 200): HttpClient => new HttpClient({ fetch: () => Promise.resolve(new Response(body, { status })) });
  it('a truncated JSON body is a retry', async () => {
    await expect(respond('{"a":[1,').json({ platform: 'x', url: 'http://127.0.0.1/x' })).rejects.toMatchObject({ failure: 'retry' });
  });
  it('a network error is a disconnect', async () => {
    const c = new HttpClient({ fetch: () => Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })) });
    await expect(c.json({ platform: 'x', url: 'http://127.0.0.1/x' })).rejects.toMatchObject({
      failure: 'disconnect',
      message: expect.stringContaining('ECONNREFUSED') as unknown,
    });
  });
  it('logs path, status and class but no query or headers', async () => {
    const seen: unknown[] = [];
    const c = new HttpClient({ fetch: () => Promise.resolve(new Response('{}', { status: 503 })), onRequest: (e) => seen.push(e) });
    await expect(c.json({ platform: 'x', url: 'http://127.0.0.1/x/2/tweets?query=secret', headers: { authorization: 'Bearer t' } })).rejects.toBeInstanceOf(
      ConnectorError,
    );
    expect(seen).toEqual([expect.objectContaining({ path: '/x/2/tweets', status: 503, failure: 'retry' })]);
    expect(JSON.stringify(seen)).not.toMatch(/secret|Bearer/);
  });
});

describe('isoOrNull', () => {
  it('keeps times PostgreSQL can store (years 1-9999) and refuses the rest instead of failing the page later', () => {
    expect(isoOrNull('2026-11-20T09:14:00+02:00')).toBe('2026-11-20T07:14:00.000Z');
    expect(isoOrNull('0001-01-01T00:00:00Z')).toBe('0001-01-01T00:00:00.000Z');
    expect(isoOrNull('9999-12-31T23:59:59.999Z')).toBe('9999-12-31T23:59:59.999Z');
    expect(isoOrNull('0000-01-01T00:00:00Z')).toBeNull();
    expect(isoOrNull('+020000-01-01T00:00:00Z')).toBeNull();
    expect(isoOrNull('-010000-01-01T00:00:00Z')).toBeNull();
    expect(isoOrNull('Tue, 01 Jan 20000 00:00:00 GMT')).toBeNull();
    expect(isoOrNull('soon')).toBeNull();
    expect(isoOrNull(42)).toBeNull();
  });
});

describe('ids and lengths', () => {
  it('orders snowflakes above 2^53 without Number', () => {
    expect(compareNumericIds('113512093458110213', '113512093458110212')).toBeGreaterThan(0);
    expect(compareNumericIds('99', '100')).toBeLessThan(0);
    expect(maxNumericId(['9007199254740993', '9007199254740992'])).toBe('9007199254740993');
  });
  it('counts per platform unit', () => {
    expect(replyLength('bluesky', '👍🏽 ok')).toBe(4);
    expect(replyLength('x', 'see https://example.com/a/very/long/path ok')).toBe(4 + 23 + 3);
    expect(replyLength('x', '日本')).toBe(4);
  });
});

describe('trimTrailingSlashes', () => {
  it('drops trailing slashes only', () => {
    expect(trimTrailingSlashes('https://a.example/api///')).toBe('https://a.example/api');
    expect(trimTrailingSlashes('https://a.example/a//b')).toBe('https://a.example/a//b');
    expect(trimTrailingSlashes('///')).toBe('');
  });

  it('stays linear on a long run of slashes that is not at the end (the old /\\/+$/ was quadratic)', () => {
    const started = cpuMs();
    expect(trimTrailingSlashes(`http://h/${'/'.repeat(200_000)}x`)).toHaveLength(200_010);
    expect(cpuMs() - started).toBeLessThan(2000);
  });
});
