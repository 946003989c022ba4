import { closingTagFinder, forwardSearch, indexOfOpenTag, isSpaceCode, isWordCode, skipSpaces, startsWithCI, startsWithWordCI } from '../core/scan.util.js';
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

/*
 * Everything below reads the feed with forward scans (indexOf and the helpers in
 * core/scan.util.ts), linear in the document's length: a feed is attacker-controlled, and the
 * regexes these replace were quadratic on unclosed tags (200,000 `<item>` without `</item>`
 * kept the api busy for about a minute). Each function says which regex it stands for; the
 * results are that regex's.
 */

/** Element text: `<![CDATA[…]]>` (with only spaces around) as written, else entities decoded. */
function text(raw: string | undefined | null): string {
  if (!raw) return '';
  // /^\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*$/
  const open = skipSpaces(raw, 0);
  if (raw.startsWith('<![CDATA[', open)) {
    const body = open + 9;
    let end = raw.length;
    while (end > body && isSpaceCode(raw.charCodeAt(end - 1))) end--;
    if (end - 3 >= body && raw.startsWith(']]>', end - 3)) return raw.slice(body, end - 3);
  }
  return decodeEntities(raw);
}

/** The content of the first `name` element (first of `names` found), trimmed; '' when self-closing; null when absent. */
function tag(block: string, names: readonly string[]): string | null {
  for (const name of names) {
    const content = element(block, name);
    if (content !== null) return text(content).trim();
  }
  return null;
}

/** `/<name\b[^>]*?(?:\/>|>([\s\S]*?)<\/name\s*>)/i`: the first element's content ('' when self-closing), or null. */
function element(s: string, name: string): string | null {
  const closing = closingTagFinder(s, name);
  const nextGt = forwardSearch((from) => s.indexOf('>', from));
  for (let p = indexOfOpenTag(s, name, 0); p >= 0; p = indexOfOpenTag(s, name, p + 1)) {
    const attrs = p + 1 + name.length;
    const g = nextGt(attrs);
    // No '>' after this tag: no later one can end either.
    if (g < 0) return null;
    if (g > attrs && s.charCodeAt(g - 1) === 0x2f /* / */) return '';
    const close = closing(g + 1);
    if (close) return s.slice(g + 1, close.start);
  }
  return null;
}

/** `/\bname\s*=\s*("([^"]*)"|'([^']*)')/i` on one tag: the attribute's value, decoded, or null. */
function attr(tagText: string, name: string): string | null {
  const quoteEnd = { '"': forwardSearch((from) => tagText.indexOf('"', from)), "'": forwardSearch((from) => tagText.indexOf("'", from)) };
  for (let p = 0; p + name.length <= tagText.length; p++) {
    if (!startsWithCI(tagText, p, name) || (p > 0 && isWordCode(tagText.charCodeAt(p - 1)))) continue;
    let q = skipSpaces(tagText, p + name.length);
    if (tagText[q] !== '=') continue;
    q = skipSpaces(tagText, q + 1);
    const quote = tagText[q];
    if (quote !== '"' && quote !== "'") continue;
    const close = quoteEnd[quote](q + 1);
    if (close >= 0) return decodeEntities(tagText.slice(q + 1, close));
  }
  return null;
}

function date(value: string | null): string | null {
  return value ? isoFromMs(Date.parse(value)) : null;
}

/** `/<feed\b[^>]*xmlns\s*=\s*["']http:\/\/www\.w3\.org\/2005\/Atom["']/i.test(xml)`. */
function declaresAtom(xml: string): boolean {
  const nextGt = forwardSearch((from) => xml.indexOf('>', from));
  let checkedUpTo = -1;
  for (let p = indexOfOpenTag(xml, 'feed', 0); p >= 0; p = indexOfOpenTag(xml, 'feed', p + 1)) {
    const g = nextGt(p + 5);
    const end = g < 0 ? xml.length : g;
    // Two <feed tags before the same '>': the later one's attributes are part of the earlier's.
    if (end === checkedUpTo) continue;
    checkedUpTo = end;
    for (let q = p + 5; q < end; q++) {
      if (!startsWithCI(xml, q, 'xmlns')) continue;
      let r = skipSpaces(xml, q + 5);
      if (xml[r] !== '=') continue;
      r = skipSpaces(xml, r + 1);
      if (
        (xml[r] === '"' || xml[r] === "'") &&
        startsWithCI(xml, r + 1, ATOM_NS) &&
        (xml[r + 1 + ATOM_NS.length] === '"' || xml[r + 1 + ATOM_NS.length] === "'")
      )
        return true;
    }
  }
  return false;
}

const ATOM_NS = 'http://www.w3.org/2005/Atom';

/**
 * `/<name\b([^>]*)>([\s\S]*?)(?:<stop\b|<\/name>)/i`: the first `name` element's attributes
 * and its content up to the first `stop` element or its end tag (the channel or feed head).
 */
function head(xml: string, name: string, stop: string): { attrs: string; body: string } | null {
  // If the first tag has no '>' or nothing ends its head, no later one has either.
  const p = indexOfOpenTag(xml, name, 0);
  if (p < 0) return null;
  const g = xml.indexOf('>', p + 1 + name.length);
  if (g < 0) return null;
  const end = `/${name}>`;
  for (let q = xml.indexOf('<', g + 1); q >= 0; q = xml.indexOf('<', q + 1)) {
    if (startsWithWordCI(xml, q + 1, stop) || startsWithCI(xml, q + 1, end)) return { attrs: xml.slice(p + 1 + name.length, g), body: xml.slice(g + 1, q) };
  }
  return null;
}

/** `[...s.matchAll(/<name\b[^>]*>([\s\S]*?)<\/name\s*>/gi)].map((m) => m[1])`: the contents of every `name` element. */
function elements(s: string, name: string): string[] {
  const out: string[] = [];
  const closing = closingTagFinder(s, name);
  let from = 0;
  for (;;) {
    const p = indexOfOpenTag(s, name, from);
    if (p < 0) break;
    const g = s.indexOf('>', p + 1 + name.length);
    // An unclosed tag (no '>' or no end tag after it): no later one is closed either.
    if (g < 0) break;
    const close = closing(g + 1);
    if (!close) break;
    out.push(s.slice(g + 1, close.start));
    from = close.end;
  }
  return out;
}

/** `[...s.matchAll(/<name\b[^>]*>/gi)].map((m) => m[0])`: every `name` start tag, as written. */
function startTags(s: string, name: string): string[] {
  const out: string[] = [];
  for (let p = indexOfOpenTag(s, name, 0); p >= 0; p = indexOfOpenTag(s, name, p)) {
    const g = s.indexOf('>', p + 1 + name.length);
    if (g < 0) break;
    out.push(s.slice(p, g + 1));
    p = g + 1;
  }
  return out;
}

/** `/<rss\b|<rdf:RDF\b/i.test(xml)`. */
function declaresRss(xml: string): boolean {
  return indexOfOpenTag(xml, 'rss', 0) >= 0 || indexOfOpenTag(xml, 'rdf:RDF', 0) >= 0;
}

/**
 * A small, tolerant RSS 2.0 / Atom 1.0 reader (no DTDs, no external entities: nothing is
 * fetched or expanded). Returns null when the document is neither.
 */
export function parseFeed(xml: string): ParsedFeed | null {
  const isRss = declaresRss(xml);
  const isAtom = !isRss && declaresAtom(xml);
  if (!isRss && !isAtom) return null;
  if (isRss) {
    const channel = head(xml, 'channel', 'item')?.body ?? '';
    const items = elements(xml, 'item').map((b) => {
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
  const feedHead = head(xml, 'feed', 'entry');
  const items = elements(xml, 'entry').map((b) => {
    const links = startTags(b, 'link');
    const alt = links.find((l) => !attr(l, 'rel') || attr(l, 'rel') === 'alternate') ?? links[0];
    const authorBlock = elements(b, 'author')[0] ?? '';
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
  return { format: 'atom', title: tag(feedHead?.body ?? '', ['title']) ?? '', language: attr(feedHead?.attrs ?? '', 'xml:lang'), items };
}

/** Feed HTML → text for Mention.text. */
export function feedItemText(item: FeedItem): string {
  const body = stripHtml(item.summary);
  return [stripHtml(item.title), body].filter(Boolean).join('\n\n');
}
