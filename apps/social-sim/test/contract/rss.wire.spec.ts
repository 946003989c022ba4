/**
 * RSS/Atom as a feed reader (feedparser, rss-parser) fetches it: conditional GET with ETag and
 * Last-Modified, HEAD for a cheap check, under the prefix and at the root of the platform's own port.
 */
import { createSocialSim, type SocialSim } from '../../src/index.js';
import { baseOf, call, VIA } from './wire.js';

describe.each(VIA)('RSS wire (%s)', (via) => {
  let sim: SocialSim;
  let base: string;
  beforeEach(async () => {
    sim = await createSocialSim({ seed: 5, evalDir: null });
    base = baseOf(sim, 'rss', via);
  });
  afterEach(async () => {
    await sim.close();
  });

  it.each([
    ['/feed.xml', /^application\/rss\+xml/, '<item>'],
    ['/atom.xml', /^application\/atom\+xml/, '<entry>'],
  ])('%s: 200 with validators, 304 on If-None-Match, HEAD answers the headers without a body', async (path, type, tag) => {
    sim.control.seed({ platform: 'rss', count: 3 });
    const r = await call(base, 'GET', path);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(type);
    expect(r.text.split(tag)).toHaveLength(4);
    expect(r.headers['etag']).toMatch(/^W\/"[0-9a-f]+"$/);
    expect(Number.isNaN(Date.parse(r.headers['last-modified']!))).toBe(false);
    const again = await call(base, 'GET', path, { headers: { 'if-none-match': r.headers['etag']! } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    const head = await call(base, 'HEAD', path);
    expect(head.status).toBe(200);
    expect(head.headers['etag']).toBe(r.headers['etag']);
    expect(head.text).toBe('');
    expect((await call(base, 'GET', '/nope.xml')).status).toBe(404);
  });
});
