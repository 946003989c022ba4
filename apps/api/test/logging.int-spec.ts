import request from 'supertest';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

const SECRET = 'super-secret-admin-password-42';

describe('structured logs (integration)', () => {
  let t: TestApp;
  const lines: string[] = [];
  const sink = { write: (s: string) => void lines.push(...s.split('\n').filter(Boolean)) };

  beforeAll(async () => {
    t = await createTestApp({ LOG_LEVEL: 'info', EARSHOT_ADMIN_PASSWORD: SECRET }, sink);
  });
  afterAll(() => t.close());

  it('writes one JSON line per request, with its request id', async () => {
    await request(t.server).get('/api/auth/me').set('X-Request-Id', 'log-test-0001').expect(401);
    const line = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.requestId === 'log-test-0001');
    expect(line).toMatchObject({ level: 40, requestId: 'log-test-0001', res: { statusCode: 401 } });
  });

  it('masks secret values wherever they appear and keeps hostile input on one line', async () => {
    const before = lines.length;
    // No route and no session: 401 (anonymous callers cannot map the api by 404s).
    await request(t.server).get(`/api/nope?pw=${SECRET}&x=%0A%7B%22level%22%3A60%7D`).expect(401);
    await request(t.server).post('/api/auth/login').send({ email: 'admin@earshot.test', password: SECRET }).expect(200);
    const fresh = lines.slice(before);
    expect(fresh.length).toBeGreaterThanOrEqual(2);
    for (const l of fresh) {
      expect(l).not.toContain(SECRET);
      expect(() => JSON.parse(l)).not.toThrow();
    }
    expect(fresh.join('\n')).toContain('[secret]');
    expect(fresh.join('\n')).not.toMatch(/earshot_session=/);
  });
});
