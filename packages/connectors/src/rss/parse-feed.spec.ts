import { readFileSync } from 'node:fs';
import { parseFeed } from './parse-feed.js';
import { normalizeFeedItem } from './rss.connector.js';

const fixture = (name: string): string => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

describe('parseFeed + normalizeFeedItem', () => {
  it('reads RSS 2.0; unsafe links and bad dates are dropped', () => {
    const feed = parseFeed(fixture('feed.xml'))!;
    expect(feed.format).toBe('rss');
    const [a, b] = feed.items.map((i) => normalizeFeedItem(i, feed, 'https://gadgets.example/feed.xml', 'rss:gadgets', Date.parse('2026-11-21T00:00:00Z')));
    expect(a).toMatchObject({ externalId: 'gadgets-1042', url: 'https://gadgets.example/acme-x1', author: { handle: 'Sam Writer' }, text: 'Acme X1 review: great battery, poor support\n\nThe Acme X1 & its charger.', lang: 'en', createdAt: '2026-11-20T09:14:03.000Z' });
    expect(b?.url).toBeNull();
    expect(b?.createdAt).toBe('2026-11-21T00:00:00.000Z');
    expect(b?.text).toBe('Links & things\n\nPlain text');
  });
  it('reads Atom with relative links', () => {
    const feed = parseFeed(fixture('atom.xml'))!;
    const m = normalizeFeedItem(feed.items[0]!, feed, 'https://news.example/atom.xml', 'rss:news');
    expect(m).toMatchObject({ externalId: 'tag:news.example,2026:1', url: 'https://news.example/2026/acme-recall', lang: 'de', editedAt: '2026-11-20T10:00:00.000Z', author: { handle: 'Newsdesk' } });
    expect(m.text).toBe('Acme recalls X1 chargers\n\nAcme has recalled chargers.');
  });
  it('returns null for HTML', () => {
    expect(parseFeed('<html><body>Just a moment...</body></html>')).toBeNull();
  });
});
