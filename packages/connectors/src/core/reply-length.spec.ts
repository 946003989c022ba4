import { BlueskyConnector } from '../bluesky/bluesky.connector.js';
import { MastodonConnector } from '../mastodon/mastodon.connector.js';
import { RedditConnector } from '../reddit/reddit.connector.js';
import { RssConnector } from '../rss/rss.connector.js';
import { XConnector } from '../x/x.connector.js';
import { graphemeCount, graphemeSpans, postedReplyText, REPLY_LIMITS, replyLength } from './reply-length.js';

const FAMILY = '👩‍👩‍👧'; // 5 code points, 8 UTF-16 units, one grapheme
const FLAG = '🇫🇷'; // two regional indicators
const THUMB_TONE = '👍🏽'; // emoji + skin-tone modifier
const E_ACUTE_DECOMPOSED = 'e\u0301'; // e + combining acute: one grapheme, two code points
const KEYCAP = '1\uFE0F\u20E3';

describe('grapheme clusters', () => {
  it.each([
    [FAMILY, 1],
    [FLAG, 1],
    [FLAG + FLAG, 2],
    [THUMB_TONE, 1],
    [E_ACUTE_DECOMPOSED, 1],
    [`caf${E_ACUTE_DECOMPOSED}`, 4],
    [KEYCAP, 1],
    ['\r\n', 1],
    ['नमस्ते', 3],
    ['한국어', 3],
    ['plain ascii', 11],
  ])('%s counts %i', (text, n) => {
    expect(graphemeCount(text)).toBe(n);
  });

  it('agrees with Intl.Segmenter on mixed text (the fast path only skips characters that are always alone)', () => {
    const seg = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const parts = ['a', 'é', E_ACUTE_DECOMPOSED, FAMILY, FLAG, THUMB_TONE, KEYCAP, ' ', '\r', '\n', '日', 'ß', '\u0301', '\u200D', '©', '\uFE0F', 'क', '्', 'ष'];
    let seed = 1;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 300; i++) {
      const text = Array.from({ length: 1 + Math.floor(next() * 12) }, () => parts[Math.floor(next() * parts.length)]).join('');
      const expected = [...seg.segment(text)].map((s) => ({ segment: s.segment, index: s.index }));
      expect(graphemeSpans(text)).toEqual(expected);
      expect(graphemeCount(text)).toBe(expected.length);
    }
  });
});

describe('replyLength per platform', () => {
  it('Bluesky counts grapheme clusters', () => {
    expect(replyLength('bluesky', `hi ${FAMILY} ${FLAG} ${THUMB_TONE} caf${E_ACUTE_DECOMPOSED}`)).toBe(3 + 2 + 2 + 2 + 4);
    expect(replyLength('bluesky', 'see https://example.com/a/very/long/path')).toBe(40);
  });

  it('Mastodon counts grapheme clusters, every URL as 23 and @user@domain as @user', () => {
    expect(replyLength('mastodon', `${FAMILY}${FLAG}${THUMB_TONE}${E_ACUTE_DECOMPOSED}`)).toBe(4);
    expect(replyLength('mastodon', 'see https://example.com/a/very/long/path/that/goes/on ok')).toBe(4 + 23 + 3);
    expect(replyLength('mastodon', 'see https://example.com.')).toBe(4 + 23 + 1);
    expect(replyLength('mastodon', '@jane@chaos.social hi')).toBe('@jane hi'.length);
    expect(replyLength('mastodon', 'mail jane@chaos.social')).toBe('mail jane@chaos.social'.length);
  });

  it('X weighs code points by twitter-text v3 ranges, emoji sequences 2, URLs 23, after NFC', () => {
    expect(replyLength('x', 'hello')).toBe(5);
    expect(replyLength('x', '日本')).toBe(4);
    expect(replyLength('x', FAMILY)).toBe(2);
    expect(replyLength('x', FLAG)).toBe(2);
    expect(replyLength('x', THUMB_TONE)).toBe(2);
    expect(replyLength('x', KEYCAP)).toBe(2);
    expect(replyLength('x', '☕')).toBe(2);
    expect(replyLength('x', '©')).toBe(1);
    // NFC turns e + U+0301 into é (one code point, weight 1)
    expect(replyLength('x', E_ACUTE_DECOMPOSED)).toBe(1);
    expect(replyLength('x', '\u2018quoted\u2019')).toBe(8);
    expect(replyLength('x', 'see https://example.com/a/very/long/path ok')).toBe(4 + 23 + 3);
    expect(replyLength('x', 'see example.com/help ok')).toBe(4 + 23 + 3);
  });

  it('Reddit counts characters (code points)', () => {
    expect(replyLength('reddit', `ab${FAMILY}`)).toBe(2 + 5);
  });

  it('each connector reports REPLY_LIMITS', () => {
    expect(new MastodonConnector().replyLimit()).toEqual({ max: 500, unit: 'graphemes' });
    expect(new BlueskyConnector().replyLimit()).toEqual(REPLY_LIMITS.bluesky);
    expect(new XConnector().replyLimit()).toEqual({ max: 280, unit: 'weighted' });
    expect(new RedditConnector().replyLimit()).toEqual({ max: 10_000, unit: 'chars' });
    expect(new RssConnector().replyLimit()).toEqual({ max: 0, unit: 'chars' });
  });
});

describe('postedReplyText', () => {
  const target = { platform: 'mastodon' as const, acct: 'jane@chaos.social' };
  it('prefixes the Mastodon @acct unless the text already mentions the author', () => {
    expect(postedReplyText('mastodon', target, 'Thanks!')).toBe('@jane@chaos.social Thanks!');
    expect(postedReplyText('mastodon', target, 'Hi @Jane@chaos.social, thanks!')).toBe('Hi @Jane@chaos.social, thanks!');
    expect(postedReplyText('mastodon', target, 'Thanks @jane@chaos.social.')).toBe('Thanks @jane@chaos.social.');
    expect(postedReplyText('mastodon', { platform: 'mastodon', acct: 'jane' }, 'cc @janet')).toBe('@jane cc @janet');
    expect(postedReplyText('mastodon', { platform: 'mastodon', acct: 'jane' }, 'cc @jane@other.social')).toBe('@jane cc @jane@other.social');
  });
  it('leaves other platforms alone', () => {
    expect(postedReplyText('x', { platform: 'x', acct: 'jane' }, 'Thanks!')).toBe('Thanks!');
    expect(postedReplyText('bluesky', null, 'Thanks!')).toBe('Thanks!');
  });
  it('the Mastodon prefix counts: @user of a remote acct plus the space', () => {
    expect(replyLength('mastodon', postedReplyText('mastodon', target, 'Thanks!'))).toBe('@jane Thanks!'.length);
  });
});
