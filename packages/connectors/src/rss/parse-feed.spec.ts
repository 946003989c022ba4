import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { isoFromMs } from '../core/json.js';
import { decodeEntities, stripHtml } from '../core/strip-html.js';
import { feedItemText, parseFeed, type ParsedFeed } from './parse-feed.js';
import { normalizeFeedItem } from './rss.connector.js';

/**
 * CPU milliseconds this process has used: the linear-scan bounds below are on work done, not on
 * wall time, so a loaded machine (CI beside other jobs) cannot make them flaky.
 */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

const fixture = (name: string): string => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

describe('parseFeed + normalizeFeedItem', () => {
  it('reads RSS 2.0; unsafe links and bad dates are dropped', () => {
    const feed = parseFeed(fixture('feed.xml'))!;
    expect(feed.format).toBe('rss');
    const [a, b] = feed.items.map((i) => normalizeFeedItem(i, feed, 'https://gadgets.example/feed.xml', 'rss:gadgets', Date.parse('2026-11-21T00:00:00Z')));
    expect(a).toMatchObject({
      externalId: 'gadgets-1042',
      url: 'https://gadgets.example/acme-x1',
      author: { handle: 'Sam Writer' },
      text: 'Acme X1 review: great battery, poor support\n\nThe Acme X1 & its charger.',
      lang: 'en',
      createdAt: '2026-11-20T09:14:03.000Z',
    });
    expect(b?.url).toBeNull();
    expect(b?.createdAt).toBe('2026-11-21T00:00:00.000Z');
    expect(b?.text).toBe('Links & things\n\nPlain text');
  });
  it('reads Atom with relative links', () => {
    const feed = parseFeed(fixture('atom.xml'))!;
    const m = normalizeFeedItem(feed.items[0]!, feed, 'https://news.example/atom.xml', 'rss:news');
    expect(m).toMatchObject({
      externalId: 'tag:news.example,2026:1',
      url: 'https://news.example/2026/acme-recall',
      lang: 'de',
      editedAt: '2026-11-20T10:00:00.000Z',
      author: { handle: 'Newsdesk' },
    });
    expect(m.text).toBe('Acme recalls X1 chargers\n\nAcme has recalled chargers.');
  });
  it('returns null for HTML', () => {
    expect(parseFeed('<html><body>Just a moment...</body></html>')).toBeNull();
  });
});

/** parseFeed as it was with regexes (quadratic on unclosed tags): the oracle for "same results". */
function regexParseFeed(xml: string): ParsedFeed | null {
  const text = (raw: string | undefined | null): string => {
    if (!raw) return '';
    const cdata = /^\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*$/.exec(raw);
    return cdata ? (cdata[1] ?? '') : decodeEntities(raw);
  };
  const tag = (block: string, names: readonly string[]): string | null => {
    for (const name of names) {
      const m = new RegExp(`<${name}\\b[^>]*?(?:/>|>([\\s\\S]*?)</${name}\\s*>)`, 'i').exec(block);
      if (m) return text(m[1] ?? '').trim();
    }
    return null;
  };
  const attr = (tagText: string, name: string): string | null => {
    const m = new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)')`, 'i').exec(tagText);
    return m ? decodeEntities(m[2] ?? m[3] ?? '') : null;
  };
  const date = (value: string | null): string | null => (value ? isoFromMs(Date.parse(value)) : null);
  const isRss = /<rss\b|<rdf:RDF\b/i.test(xml);
  const isAtom = !isRss && /<feed\b[^>]*xmlns\s*=\s*["']http:\/\/www\.w3\.org\/2005\/Atom["']/i.test(xml);
  if (!isRss && !isAtom) return null;
  if (isRss) {
    const channel = /<channel\b[^>]*>([\s\S]*?)(?:<item\b|<\/channel>)/i.exec(xml)?.[1] ?? '';
    const items = [...xml.matchAll(/<item\b[^>]*>([\s\S]*?)<\/item\s*>/gi)].map((m) => {
      const b = m[1] ?? '';
      return {
        id: tag(b, ['guid']) || null,
        title: tag(b, ['title']) ?? '',
        link: tag(b, ['link']) || null,
        published: date(tag(b, ['pubDate', 'dc:date'])),
        updated: null,
        author: tag(b, ['dc:creator', 'author']) || null,
        summary: tag(b, ['content:encoded', 'description']) ?? '',
      };
    });
    return { format: 'rss', title: tag(channel, ['title']) ?? '', language: tag(channel, ['language']) || null, items };
  }
  const head = /<feed\b([^>]*)>([\s\S]*?)(?:<entry\b|<\/feed>)/i.exec(xml);
  const items = [...xml.matchAll(/<entry\b[^>]*>([\s\S]*?)<\/entry\s*>/gi)].map((m) => {
    const b = m[1] ?? '';
    const links = [...b.matchAll(/<link\b[^>]*>/gi)].map((l) => l[0]);
    const alt = links.find((l) => !attr(l, 'rel') || attr(l, 'rel') === 'alternate') ?? links[0];
    const authorBlock = /<author\b[^>]*>([\s\S]*?)<\/author\s*>/i.exec(b)?.[1] ?? '';
    return {
      id: tag(b, ['id']) || null,
      title: tag(b, ['title']) ?? '',
      link: alt ? attr(alt, 'href') : null,
      published: date(tag(b, ['published'])) ?? date(tag(b, ['updated'])),
      updated: date(tag(b, ['updated'])),
      author: tag(authorBlock, ['name']) || null,
      summary: tag(b, ['content', 'summary']) ?? '',
    };
  });
  return { format: 'atom', title: tag(head?.[2] ?? '', ['title']) ?? '', language: attr(head?.[1] ?? '', 'xml:lang'), items };
}

/** Feed-shaped strings: tags, attributes and text cut and joined at random. */
const TAGS = [
  'rss',
  'RDF',
  'rdf:RDF',
  'channel',
  'item',
  'items',
  'title',
  'link',
  'guid',
  'pubDate',
  'dc:date',
  'dc:creator',
  'author',
  'content:encoded',
  'description',
  'language',
  'feed',
  'entry',
  'id',
  'published',
  'updated',
  'name',
  'content',
  'summary',
];
const PIECE = fc.oneof(
  fc
    .constantFrom(...TAGS)
    .chain((t) => fc.constantFrom(`<${t}>`, `</${t}>`, `<${t} `, `</${t} >`, `<${t}/>`, `<${t.toUpperCase()}>`, `</${t.toUpperCase()}>`, `<${t}x>`)),
  fc.constantFrom(
    ' xmlns="http://www.w3.org/2005/Atom"',
    " xmlns = 'HTTP://WWW.W3.ORG/2005/ATOM'",
    ' xmlns="http://www.w3.org/2005/Atom',
    ' xml:lang="de"',
    " xml:lang='fr'",
    ' rel="alternate"',
    " rel='self'",
    ' rel=',
    ' href="/a"',
    " href='https://x.example/b'",
    ' href="',
    'href="c"',
    '<![CDATA[',
    ']]>',
    '<![CDATA[<b>x</b>]]>',
    '<',
    '>',
    '/',
    '"',
    "'",
    '=',
    ' ',
    '\n',
    '\t',
    'acme',
    'Fri, 20 Nov 2026 09:14:03 GMT',
    '2026-11-20T09:00:00Z',
    '&amp;',
    '&lt;p&gt;',
    '&#x41;',
    'é',
  ),
);
const noise = fc.array(PIECE, { maxLength: 6 }).map((a) => a.join(''));
/** An element, sometimes broken (no end tag, another name's end tag, or noise in its start tag). */
const elementOf = (tags: string[], inner: fc.Arbitrary<string>) =>
  fc
    .tuple(fc.constantFrom(...tags), noise, inner, fc.constantFrom('ok', 'ok', 'ok', 'ok', 'unclosed', 'self', 'upper'), fc.constantFrom(...TAGS))
    .map(([t, attrs, body, shape, other]) =>
      shape === 'self'
        ? `<${t}${attrs}/>`
        : `<${shape === 'upper' ? t.toUpperCase() : t}${attrs}>${body}${shape === 'unclosed' ? '' : `</${shape === 'ok' ? t : other}>`}`,
    );
const CHILDREN = [
  'title',
  'link',
  'guid',
  'pubDate',
  'dc:date',
  'dc:creator',
  'author',
  'content:encoded',
  'description',
  'language',
  'id',
  'published',
  'updated',
  'name',
  'content',
  'summary',
];
const leaf = elementOf(CHILDREN, noise);
const author = elementOf(
  ['author'],
  fc.array(fc.oneof(leaf, PIECE), { maxLength: 3 }).map((a) => a.join('')),
);
const container = elementOf(
  ['item', 'entry', 'channel', 'author'],
  fc.array(fc.oneof(leaf, leaf, author, PIECE), { maxLength: 8 }).map((a) => a.join('')),
);
const feedish = fc.array(fc.oneof(PIECE, leaf, container, container), { maxLength: 8 }).map((a) => a.join(''));

describe('parseFeed: same results as the regexes it replaced, linear on hostile feeds', () => {
  it('matches the regex parser on both fixtures and on random feed-shaped text', () => {
    for (const name of ['feed.xml', 'atom.xml']) expect(parseFeed(fixture(name))).toEqual(regexParseFeed(fixture(name)));
    fc.assert(
      fc.property(fc.constantFrom('<rss>', '<feed xmlns="http://www.w3.org/2005/Atom">', '<rdf:RDF>', ''), feedish, (prefix, body) => {
        const xml = prefix + body;
        expect(parseFeed(xml)).toEqual(regexParseFeed(xml));
      }),
      { numRuns: 5000 },
    );
  });

  it('keeps closed items before 200,000 unclosed <item> tags, quickly', () => {
    const xml = `<rss><channel><title>Hostile</title><item><title>acme ok</title><guid>1</guid></item>${'<item>'.repeat(200_000)}`;
    const started = cpuMs();
    const feed = parseFeed(xml)!;
    expect(cpuMs() - started).toBeLessThan(2000);
    expect(feed.title).toBe('Hostile');
    expect(feed.items.map((i) => i.title)).toEqual(['acme ok']);
  });

  // The first eight took seconds to minutes with the regexes (unclosed tags: each start scanned
  // to the end of the document); the last three are long runs for the CDATA, attribute and
  // namespace scans, which the regexes read in linear time too. The bound is generous on
  // purpose: linear code takes milliseconds here.
  const N = 100_000;
  it.each([
    ['unclosed <item> tags with attributes', `<rss>${'<item a="1">'.repeat(N)}`],
    ['unclosed <channel> tags', `<rss>${'<channel>'.repeat(N)}`],
    ['<item> without ">"', `<rss><channel>${'<item'.repeat(N)}`],
    ['unclosed <title> in an item', `<rss><item>${'<title>'.repeat(N)}</item>`],
    ['unclosed <description> in an item', `<rss><item>${'<description x>'.repeat(N)}</item>`],
    ['<feed tags without ">"', `${'<feed xmlns="http://x" '.repeat(N)}`],
    ['unclosed <entry> tags', `<feed xmlns="http://www.w3.org/2005/Atom">${'<entry>'.repeat(N)}`],
    ['unclosed <link> and <author> in an entry', `<feed xmlns="http://www.w3.org/2005/Atom"><entry>${'<author><link rel="'.repeat(N)}</entry>`],
    ['a long CDATA that never ends', `<rss><item><title><![CDATA[${' ]]> x'.repeat(N)}</title></item>`],
    ['unclosed attribute quotes in one link', `<feed xmlns="http://www.w3.org/2005/Atom"><entry><link ${'rel="x href=\''.repeat(N)}/></entry>`],
    ['spaces around xmlns', `<feed ${'xmlns   '.repeat(N)}>`],
  ])('stays linear on %s', (_name, xml) => {
    const started = cpuMs();
    parseFeed(xml);
    expect(cpuMs() - started).toBeLessThan(2000);
  });

  it('turns a hostile item body into text quickly', () => {
    const started = cpuMs();
    const text = feedItemText({
      id: null,
      title: '<'.repeat(N),
      link: null,
      published: null,
      updated: null,
      author: null,
      summary: '<!--'.repeat(N) + ' '.repeat(N) + 'x',
    });
    expect(cpuMs() - started).toBeLessThan(2000);
    expect(text).toBe(`${'<'.repeat(N)}\n\n${stripHtml('<!--'.repeat(N) + ' '.repeat(N) + 'x')}`);
  });
});
