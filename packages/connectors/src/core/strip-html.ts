import { closingTagFinder, forwardSearch, skipSpaces, startsWithCI, startsWithWordCI } from './scan.util.js';

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  hellip: '\u2026',
  mdash: '\u2014',
  ndash: '\u2013',
  lsquo: '\u2018',
  rsquo: '\u2019',
  ldquo: '\u201c',
  rdquo: '\u201d',
  copy: '\u00a9',
  reg: '\u00ae',
  trade: '\u2122',
  euro: '\u20ac',
  pound: '\u00a3',
  laquo: '\u00ab',
  raquo: '\u00bb',
};

/**
 * Decodes HTML character references (named subset, decimal, hex). Unknown ones stay as written.
 * (Linear as a regex: every quantifier is bounded, so an attempt costs at most ~40 steps.)
 */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,31});/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
      return String.fromCodePoint(code);
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/**
 * Turns platform HTML (Mastodon `content`, feed descriptions) into plain text: block ends and
 * `<br>` become newlines, tags (and script/style bodies) are dropped, entities decoded. The result
 * is still attacker-controlled text: render it as text, never as HTML.
 *
 * Each step is a forward scan, linear in the input whatever it holds (unclosed comments, tags or
 * script elements, long runs of spaces): the regexes these replace were quadratic on such input.
 * The steps and their order are those regexes' (comments, raw-text elements, `<br>`, block ends,
 * other tags, entities, line ends), with the same results.
 */
export function stripHtml(html: string): string {
  const text = dropTags(blockEndsToBreaks(brToNewlines(dropRawTextElements(dropComments(html)))));
  return collapseBlankLines(dropSpacesBeforeNewlines(decodeEntities(text).replace(/\r\n?/g, '\n'))).trim();
}

const GT = 0x3e;
const SLASH = 0x2f;

/** `s` with `cuts` (sorted, disjoint [start, end, replacement]) applied. */
function splice(s: string, cuts: Array<[number, number, string]>): string {
  if (cuts.length === 0) return s;
  let out = '';
  let from = 0;
  for (const [start, end, replacement] of cuts) {
    out += s.slice(from, start) + replacement;
    from = end;
  }
  return out + s.slice(from);
}

/** `s.replace(/<!--[\s\S]*?-->/g, '')`. */
function dropComments(s: string): string {
  const cuts: Array<[number, number, string]> = [];
  for (let p = s.indexOf('<!--'); p >= 0; p = s.indexOf('<!--', p)) {
    const end = s.indexOf('-->', p + 4);
    // No "-->" after this comment: none after any later one either.
    if (end < 0) break;
    cuts.push([p, end + 3, '']);
    p = end + 3;
  }
  return splice(s, cuts);
}

const RAW_TEXT = ['script', 'style', 'template'] as const;

/** `s.replace(/<(script|style|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')`. */
function dropRawTextElements(s: string): string {
  if (s.indexOf('<') < 0) return s;
  const nextGt = forwardSearch((from) => s.indexOf('>', from));
  const closing = RAW_TEXT.map((name) => closingTagFinder(s, name));
  const cuts: Array<[number, number, string]> = [];
  let p = s.indexOf('<');
  while (p >= 0) {
    const k = RAW_TEXT.findIndex((name) => startsWithWordCI(s, p + 1, name));
    if (k >= 0) {
      const g = nextGt(p + 1 + RAW_TEXT[k]!.length);
      // No '>' after this tag: no later element can open either.
      if (g < 0) break;
      const close = closing[k]!(g + 1);
      if (close) {
        cuts.push([p, close.end, '']);
        p = s.indexOf('<', close.end);
        continue;
      }
    }
    p = s.indexOf('<', p + 1);
  }
  return splice(s, cuts);
}

/** `s.replace(/<br\s*\/?>/gi, '\n')`. */
function brToNewlines(s: string): string {
  const cuts: Array<[number, number, string]> = [];
  for (let p = s.indexOf('<'); p >= 0; p = s.indexOf('<', p + 1)) {
    if (!startsWithCI(s, p + 1, 'br')) continue;
    let q = skipSpaces(s, p + 3);
    if (s.charCodeAt(q) === SLASH) q++;
    if (s.charCodeAt(q) === GT) {
      cuts.push([p, q + 1, '\n']);
      p = q;
    }
  }
  return splice(s, cuts);
}

const BLOCKS = ['p', 'div', 'li', 'blockquote', 'h', 'pre'] as const;

/** `s.replace(/<\/(p|div|li|blockquote|h[1-6]|pre)\s*>/gi, '\n\n')`. */
function blockEndsToBreaks(s: string): string {
  const cuts: Array<[number, number, string]> = [];
  for (let p = s.indexOf('</'); p >= 0; p = s.indexOf('</', p + 1)) {
    for (const name of BLOCKS) {
      if (!startsWithCI(s, p + 2, name)) continue;
      let q = p + 2 + name.length;
      if (name === 'h') {
        const d = s.charCodeAt(q);
        if (d < 0x31 || d > 0x36) continue;
        q++;
      }
      q = skipSpaces(s, q);
      if (s.charCodeAt(q) === GT) {
        cuts.push([p, q + 1, '\n\n']);
        p = q;
        break;
      }
    }
  }
  return splice(s, cuts);
}

/** `s.replace(/<[^>]*>/g, '')`. */
function dropTags(s: string): string {
  const cuts: Array<[number, number, string]> = [];
  for (let p = s.indexOf('<'); p >= 0; p = s.indexOf('<', p)) {
    const g = s.indexOf('>', p + 1);
    // An unclosed '<' stays as written, and so does everything after it.
    if (g < 0) break;
    cuts.push([p, g + 1, '']);
    p = g + 1;
  }
  return splice(s, cuts);
}

/** `s.replace(/[ \t\u00a0]+\n/g, '\n')`: each newline loses the spaces and tabs just before it. */
function dropSpacesBeforeNewlines(s: string): string {
  const cuts: Array<[number, number, string]> = [];
  let floor = 0;
  for (let n = s.indexOf('\n'); n >= 0; n = s.indexOf('\n', n + 1)) {
    let b = n;
    while (b > floor && isBlank(s.charCodeAt(b - 1))) b--;
    if (b < n) cuts.push([b, n, '']);
    floor = n + 1;
  }
  return splice(s, cuts);
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0xa0;
}

/** `s.replace(/\n{3,}/g, '\n\n')`. */
function collapseBlankLines(s: string): string {
  const cuts: Array<[number, number, string]> = [];
  for (let n = s.indexOf('\n\n\n'); n >= 0; n = s.indexOf('\n\n\n', n)) {
    let e = n + 3;
    while (s.charCodeAt(e) === 0x0a) e++;
    cuts.push([n, e, '\n\n']);
    n = e;
  }
  return splice(s, cuts);
}
