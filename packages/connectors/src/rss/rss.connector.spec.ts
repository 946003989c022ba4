import { ConnectorError } from '../core/connector.js';
import { feedUrl, RssConnector } from './rss.connector.js';

describe('rss feedUrl', () => {
  const base = 'http://127.0.0.1:4100/rss';
  it('resolves a path on the base URL', () => {
    expect(feedUrl({ baseUrl: base, stream: { kind: 'feed', query: 'feeds/acme.xml' } })).toBe('http://127.0.0.1:4100/rss/feeds/acme.xml');
    expect(feedUrl({ baseUrl: base, stream: { kind: 'feed', query: '/other.xml' } })).toBe('http://127.0.0.1:4100/other.xml');
    expect(feedUrl({ baseUrl: base, stream: { kind: 'feed' } })).toBe(base);
  });
  it.each(['http://127.0.0.1:9999/latest/meta-data/', '//169.254.169.254/latest', 'https://127.0.0.1:4100/rss', 'http://evil.example/feed'])(
    'refuses a feed path on another origin: %s',
    (q) => {
      expect(() => feedUrl({ baseUrl: base, stream: { kind: 'feed', query: q } })).toThrow(ConnectorError);
    },
  );
  it('never calls fetch for a feed path on another origin', async () => {
    let calls = 0;
    const c = new RssConnector({
      fetch: () => {
        calls++;
        return Promise.resolve(new Response(''));
      },
    });
    await expect(
      c.poll({ sourceKey: 'k', baseUrl: base, credentials: {}, stream: { kind: 'feed', query: 'http://127.0.0.1:9999/' } }, null, new AbortController().signal),
    ).rejects.toMatchObject({ failure: 'bad_request' });
    expect(calls).toBe(0);
  });
});
