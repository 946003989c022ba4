/**
 * Mastodon as an unmodified client (Mastodon.py, masto) calls it: every endpoint a response desk
 * uses, with the documented bodies and headers (docs.joinmastodon.org/methods/*), under the prefix
 * and at the root of the platform's own port.
 */
import { createSocialSim, type SocialSim } from '../../src/index.js';
import { baseOf, call, VIA } from './wire.js';

const AUTH = { authorization: 'Bearer sim-user-token' };

describe.each(VIA)('Mastodon wire (%s)', (via) => {
  let sim: SocialSim;
  let base: string;
  beforeEach(async () => {
    sim = await createSocialSim({ seed: 5, evalDir: null });
    base = baseOf(sim, 'mastodon', via);
  });
  afterEach(async () => {
    await sim.close();
  });

  it('GET /api/v1/instance answers with the v1 Instance entity (Mastodon.py reads its version)', async () => {
    const r = await call(base, 'GET', '/api/v1/instance');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      uri: expect.any(String),
      title: expect.any(String),
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      urls: { streaming_api: expect.any(String) },
      stats: { user_count: expect.any(Number) },
      languages: expect.any(Array),
      registrations: expect.any(Boolean),
    });
    expect(r.json.configuration.statuses).toEqual({ max_characters: 500, max_media_attachments: 4, characters_reserved_per_url: 23 });
    expect(r.headers['x-ratelimit-limit']).toBe('300');
    const v2 = await call(base, 'GET', '/api/v2/instance');
    expect(v2.json).toMatchObject({
      domain: expect.any(String),
      version: r.json.version,
      configuration: { statuses: { max_characters: 500 } },
      registrations: { enabled: false },
    });
  });

  it('verify_credentials: the account with source; 401 with the documented body without a token', async () => {
    const ok = await call(base, 'GET', '/api/v1/accounts/verify_credentials', { headers: AUTH });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ id: '14715', acct: 'acme', source: { privacy: 'public' } });
    const no = await call(base, 'GET', '/api/v1/accounts/verify_credentials');
    expect(no.status).toBe(401);
    expect(no.json).toEqual({ error: 'The access token is invalid' });
  });

  it('notifications: list, one by id, and 404 Record not found for an unknown id', async () => {
    sim.control.seed({ platform: 'mastodon', count: 3 });
    const list = await call(base, 'GET', '/api/v1/notifications?types[]=mention&limit=2', { headers: AUTH });
    expect(list.status).toBe(200);
    expect(list.json).toHaveLength(2);
    expect(list.headers['link']).toMatch(new RegExp(`^<${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/api/v1/notifications\\?`));
    const one = await call(base, 'GET', `/api/v1/notifications/${list.json[0].id as string}`, { headers: AUTH });
    expect(one.status).toBe(200);
    expect(one.json).toMatchObject({ id: list.json[0].id, type: 'mention', status: { id: list.json[0].status.id } });
    const missing = await call(base, 'GET', '/api/v1/notifications/1', { headers: AUTH });
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ error: 'Record not found' });
    expect((await call(base, 'GET', `/api/v1/notifications/${list.json[0].id as string}`)).status).toBe(401);
  });

  it("the author's account by id and by acct (lookup); 404 for an unknown one", async () => {
    const [post] = sim.control.seed({ platform: 'mastodon', count: 1 });
    const status = (await call(base, 'GET', `/api/v1/statuses/${post!.id}`)).json;
    const byId = await call(base, 'GET', `/api/v1/accounts/${status.account.id as string}`);
    expect(byId.status).toBe(200);
    expect(byId.json).toMatchObject({ id: status.account.id, acct: status.account.acct, followers_count: expect.any(Number) });
    const lookup = await call(base, 'GET', `/api/v1/accounts/lookup?acct=${encodeURIComponent(status.account.acct as string)}`);
    expect(lookup.json.id).toBe(status.account.id);
    const own = await call(base, 'GET', `/api/v1/accounts/${status.account.id as string}/statuses`);
    expect(own.json.map((s: { id: string }) => s.id)).toEqual([post!.id]);
    expect((await call(base, 'GET', '/api/v1/accounts/lookup?acct=nobody_here')).json).toEqual({ error: 'Record not found' });
    expect((await call(base, 'GET', '/api/v1/accounts/999')).status).toBe(404);
  });

  it('reply, read the thread (context), delete the own reply (DELETE returns it with its text)', async () => {
    const [post] = sim.control.seed({ platform: 'mastodon', count: 1 });
    const reply = await call(base, 'POST', '/api/v1/statuses', {
      headers: { ...AUTH, 'idempotency-key': 'r-1' },
      form: { status: '@jane sorry, on it', in_reply_to_id: post!.id, visibility: 'public' },
    });
    expect(reply.status).toBe(200);
    expect(reply.json.in_reply_to_id).toBe(post!.id);
    const ctx = await call(base, 'GET', `/api/v1/statuses/${post!.id}/context`);
    expect(ctx.status).toBe(200);
    expect(ctx.json.ancestors).toEqual([]);
    expect(ctx.json.descendants.map((s: { id: string }) => s.id)).toEqual([reply.json.id]);
    const up = await call(base, 'GET', `/api/v1/statuses/${reply.json.id as string}/context`);
    expect(up.json.ancestors.map((s: { id: string }) => s.id)).toEqual([post!.id]);

    const del = await call(base, 'DELETE', `/api/v1/statuses/${reply.json.id as string}`, { headers: AUTH });
    expect(del.status).toBe(200);
    expect(del.json).toMatchObject({ id: reply.json.id, text: '@jane sorry, on it' });
    expect((await call(base, 'GET', `/api/v1/statuses/${reply.json.id as string}`)).json).toEqual({ error: 'Record not found' });
    expect((await call(base, 'GET', `/api/v1/statuses/${post!.id}/context`)).json.descendants).toEqual([]);
    expect(sim.control.replies('mastodon')[0]!.deletedAt).toEqual(expect.any(String));
    // Someone else's status: 404 (the API looks in the caller's own statuses), and it stays.
    const other = await call(base, 'DELETE', `/api/v1/statuses/${post!.id}`, { headers: AUTH });
    expect(other.status).toBe(404);
    expect((await call(base, 'GET', `/api/v1/statuses/${post!.id}`)).status).toBe(200);
    expect((await call(base, 'DELETE', `/api/v1/statuses/${post!.id}`)).status).toBe(401);
  });

  it('422 with the validation message for an empty status; 404 for an unknown status', async () => {
    const blank = await call(base, 'POST', '/api/v1/statuses', { headers: AUTH, json: { status: '  ' } });
    expect(blank.status).toBe(422);
    expect(blank.json).toEqual({ error: "Validation failed: Text can't be blank" });
    expect((await call(base, 'GET', '/api/v1/statuses/1')).json).toEqual({ error: 'Record not found' });
  });

  it('every answer carries the rate-limit headers, reset as an ISO-8601 instant; 429 body when exhausted', async () => {
    const r = await call(base, 'GET', '/api/v1/statuses/1');
    expect(Number(r.headers['x-ratelimit-remaining'])).toBe(299);
    expect(r.headers['x-ratelimit-reset']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    sim.control.addFault({ kind: 'rate_limit', platform: 'mastodon', path: '/api/v1/instance' });
    const limited = await call(base, 'GET', '/api/v1/instance');
    expect(limited.status).toBe(429);
    expect(limited.json).toEqual({ error: 'Too many requests' });
    expect(limited.headers['x-ratelimit-remaining']).toBe('0');
  });
});
