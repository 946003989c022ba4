import type { Platform } from './connector.js';

/**
 * How each platform counts a reply, checked against the platforms' own code:
 * - Mastodon (app/validators/status_length_validator.rb): grapheme clusters (`each_grapheme_cluster`) of the
 *   text after `countable_text`: every http(s) URL counts as 23, and a `@user@domain` mention counts as `@user`.
 *   Default limit 500 (`configuration.statuses.max_characters`).
 * - X (twitter-text config/v3.json + parseTweet): text normalised to NFC; code points weigh 1 in the ranges
 *   0–4351, 8192–8205, 8208–8223, 8242–8247 and 2 elsewhere; an emoji sequence (ZWJ family, flag, skin tone,
 *   keycap) weighs 2 as a whole; a URL weighs 23. Limit 280.
 * - Bluesky (app.bsky.feed.post `text` maxGraphemes): 300 grapheme clusters.
 * - Reddit (`VMarkdownLength max_length=10000`): 10,000 characters (code points; Python `len`).
 * - RSS: cannot be answered (limit 0).
 * Imported by the browser through `@earshot/connectors/reply-length`: no runtime imports here beyond this file.
 */

export type ReplyLengthUnit = 'chars' | 'graphemes' | 'weighted';
export interface ReplyLimit {
  max: number;
  unit: ReplyLengthUnit;
}

export const REPLY_LIMITS = {
  mastodon: { max: 500, unit: 'graphemes' },
  bluesky: { max: 300, unit: 'graphemes' },
  reddit: { max: 10_000, unit: 'chars' },
  x: { max: 280, unit: 'weighted' },
  rss: { max: 0, unit: 'chars' },
} as const satisfies Record<Platform, ReplyLimit>;

/** The limit and unit for `platform` (what each connector's `replyLimit()` returns). */
export function replyLimitOf(platform: Platform): ReplyLimit {
  return REPLY_LIMITS[platform];
}

/** Only `@acct` matters for the Mastodon prefix; other platforms thread replies without touching the text. */
export type PostedReplyTarget = { platform: Platform; acct?: string | null } | null;

/**
 * The text exactly as the connector posts it. Mastodon does not add the `@mention` itself (without it the
 * author is not notified), so the Mastodon connector prefixes `@acct ` unless the text already mentions the
 * author; the count and the lint must be of this text, not of the draft.
 */
export function postedReplyText(platform: Platform, target: PostedReplyTarget, text: string): string {
  if (platform !== 'mastodon') return text;
  const acct = target?.acct?.trim().replace(/^@/, '');
  if (!acct) return text;
  const handle = `@${acct}`;
  return mentionsHandle(text, handle) ? text : `${handle} ${text}`;
}

/** True when `text` mentions `handle` as a whole mention (`@jane` is not a mention of `@janet` nor of `@jane@other.social`). */
function mentionsHandle(text: string, handle: string): boolean {
  const lower = text.toLowerCase();
  const want = handle.toLowerCase();
  for (let at = lower.indexOf(want); at !== -1; at = lower.indexOf(want, at + 1)) {
    const before = lower[at - 1] ?? ' ';
    const after = lower[at + want.length] ?? ' ';
    const afterNext = lower[at + want.length + 1] ?? ' ';
    // A '.' or '-' followed by a letter continues a domain; at the end of a sentence it does not.
    const continues = /[\p{L}\p{N}_@]/u.test(after) || (/[.-]/.test(after) && /[\p{L}\p{N}]/u.test(afterNext));
    if (!/[\p{L}\p{N}_@/.]/u.test(before) && !continues) return true;
  }
  return false;
}

let segmenter: Intl.Segmenter | null = null;
function segment(text: string): Intl.Segments {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return segmenter.segment(text);
}

/**
 * Characters that are always a grapheme cluster of their own when next to one another: printable ASCII,
 * tab, LF and Latin-1/Latin Extended letters (below the combining marks at U+0300; © and ® excluded as
 * emoji bases; CR excluded for CR LF). Intl.Segmenter is slow (about 1 µs a character), so only the runs
 * around other characters are segmented.
 */
const COMPLEX_RE = /[^\t\n\x20-\x7E\u00A0-\u00A8\u00AA-\u00AD\u00AF-\u02FF]+/gu;

/**
 * The stretches of `text` that need real segmentation: each run of other characters widened by one
 * character on each side (the base a combining mark attaches to; the character after a prepended mark),
 * merged when they touch. Between two simple characters there is always a boundary.
 */
function complexRuns(text: string): [number, number][] {
  const runs: [number, number][] = [];
  COMPLEX_RE.lastIndex = 0;
  for (let m = COMPLEX_RE.exec(text); m; m = COMPLEX_RE.exec(text)) {
    const start = Math.max(0, m.index - 1);
    const end = Math.min(text.length, m.index + m[0].length + 1);
    const last = runs[runs.length - 1];
    if (last && start <= last[1]) last[1] = end;
    else runs.push([start, end]);
  }
  return runs;
}

/** Grapheme clusters of `text` with their UTF-16 offsets (👩‍👩‍👧, 🇫🇷, 👍🏽 and e + U+0301 are one each). */
export function graphemeSpans(text: string): { segment: string; index: number }[] {
  const out: { segment: string; index: number }[] = [];
  let at = 0;
  for (const [start, end] of complexRuns(text)) {
    for (; at < start; at++) out.push({ segment: text[at]!, index: at });
    for (const s of segment(text.slice(start, end))) out.push({ segment: s.segment, index: start + s.index });
    at = end;
  }
  for (; at < text.length; at++) out.push({ segment: text[at]!, index: at });
  return out;
}

/** Grapheme clusters of `text`, as strings. */
export function graphemes(text: string): string[] {
  return graphemeSpans(text).map((g) => g.segment);
}

export function graphemeCount(text: string): number {
  let n = text.length;
  for (const [start, end] of complexRuns(text)) {
    n -= end - start;
    for (const _ of segment(text.slice(start, end))) n++;
  }
  return n;
}

/** An http(s) URL as the platforms' extractors see it: trailing punctuation is not part of it. */
const URL_RE = /https?:\/\/[^\s<>"]+/giu;
/** twitter-text also links bare domains with a known TLD (`example.com/path`). */
const BARE_DOMAIN_RE =
  /(?<![\p{L}\p{N}_@.\/-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:com|org|net|edu|gov|io|co|uk|de|fr|es|it|nl|be|ch|at|se|no|dk|fi|ie|pl|pt|eu|us|ca|au|nz|jp|in|br|mx|ai|app|dev|ly|me|tv|info|biz|shop|store)(?![\p{L}\p{N}_-])(?:\/[^\s<>"]*)?/giu;
const TRAILING_PUNCT_RE = /[.,;:!?'")\]}]+$/u;

interface Span {
  start: number;
  end: number;
}

function urlSpans(text: string, bareDomains: boolean): Span[] {
  const spans: Span[] = [];
  const add = (re: RegExp) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const raw = m[0];
      const trimmed = raw.replace(TRAILING_PUNCT_RE, '');
      const span = { start: m.index, end: m.index + trimmed.length };
      if (trimmed.length > 0 && !spans.some((s) => span.start < s.end && s.start < span.end)) spans.push(span);
    }
  };
  add(URL_RE);
  if (bareDomains) add(BARE_DOMAIN_RE);
  return spans.sort((a, b) => a.start - b.start);
}

/** Mastodon's `countable_text`: URLs become 23 characters, `@user@domain` becomes `@user`. */
function mastodonCountable(text: string): string {
  const urls = urlSpans(text, false);
  let out = '';
  let at = 0;
  for (const u of urls) {
    out += collapseRemoteMentions(text.slice(at, u.start)) + 'x'.repeat(23);
    at = u.end;
  }
  return out + collapseRemoteMentions(text.slice(at));
}

const REMOTE_MENTION_RE = /(^|[^\/\p{L}\p{N}_])@([a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_]+)?)@[a-z0-9.-]+[a-z0-9]+/giu;
function collapseRemoteMentions(s: string): string {
  return s.includes('@') ? s.replace(REMOTE_MENTION_RE, '$1@$2') : s;
}

/** twitter-text v3 weights (scale 100 → 1 or 2). */
function xCodePointWeight(cp: number): number {
  if ((cp >= 0 && cp <= 4351) || (cp >= 8192 && cp <= 8205) || (cp >= 8208 && cp <= 8223) || (cp >= 8242 && cp <= 8247)) return 1;
  return 2;
}

const EMOJI_PRESENTATION_RE = /\p{Emoji_Presentation}|\p{Regional_Indicator}|\p{Extended_Pictographic}\uFE0F|\u20E3|\p{Emoji_Modifier}/u;
/** An emoji grapheme as twemoji-parser sees it (a text-presentation © alone is not one). */
export function isEmojiGrapheme(g: string): boolean {
  return EMOJI_PRESENTATION_RE.test(g);
}

function xWeighted(text: string): number {
  const normalized = text.normalize('NFC');
  let n = 0;
  let at = 0;
  const weighRest = (s: string) => {
    for (const { segment: g } of graphemeSpans(s)) {
      if (g.length === 1) n += xCodePointWeight(g.charCodeAt(0));
      else if (isEmojiGrapheme(g)) n += 2;
      else for (const ch of g) n += xCodePointWeight(ch.codePointAt(0) ?? 0);
    }
  };
  for (const u of urlSpans(normalized, true)) {
    weighRest(normalized.slice(at, u.start));
    n += 23;
    at = u.end;
  }
  weighRest(normalized.slice(at));
  return n;
}

/** Length of `text` in the unit of `Connector.replyLimit()` for the platform. Pass the posted text (`postedReplyText`). */
export function replyLength(platform: Platform, text: string): number {
  switch (platform) {
    case 'bluesky':
      return graphemeCount(text);
    case 'x':
      return xWeighted(text);
    case 'mastodon':
      return graphemeCount(mastodonCountable(text));
    default:
      return [...text].length;
  }
}
