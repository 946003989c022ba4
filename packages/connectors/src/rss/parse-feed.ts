import { decodeEntities, stripHtml } from '../core/strip-html.js';
import { isoFromMs } from '../core/json.js';

export interface FeedItem {
  id: string | null;
  title: string;
  link: string | null;
  published: string | null;
  updated: string | null;
  author: string | null;
  /** HTML or text body, as in the feed. */
  summary: string;
}

export interface ParsedFeed {
  format: 'rss' | 'atom';
  title: string;
  language: string | null;
  items: FeedItem[];
}

function text(raw: string | undefined | null): string {
  if (!raw) return '';
  const cdata = /^\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*$/.exec(raw);
  return cdata ? (cdata[1] ?? '') : decodeEntities(raw);
}

function tag(block: string, names: readonly string[]): string | null {
  for (const name of names) {
    const re = new RegExp(`<${name}\\b[^>]*?(?:/>|>([\\s\\S]*?)</${name}\\s*>)`, 'i');
    const m = re.exec(block);
    if (m) return text(m[1] ?? '').trim();
  }
  return null;
}

function attr(tagText: string, name: string): string | null {
  const m = new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)')`, 'i').exec(tagText);
  return m ? decodeEntities(m[2] ?? m[3] ?? '') : null;
}

function date(value: string | null): string | null {
  return value ? isoFromMs(Date.parse(value)) : null;
}

/**
 * A small, tolerant RSS 2.0 / Atom 1.0 reader (no DTDs, no external entities: nothing is
 * fetched or expanded). Returns null when the document is neither.
 */
export function parseFeed(xml: string): ParsedFeed | null {
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

/** Feed HTML → text for Mention.text. */
export function feedItemText(item: FeedItem): string {
  const body = stripHtml(item.summary);
  return [stripHtml(item.title), body].filter(Boolean).join('\n\n');
}
