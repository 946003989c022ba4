import type { Platform } from './connector.js';

const URL_RE = /https?:\/\/[^\s]+/g;

/** twitter-text weighting: most Latin/punctuation weighs 1, everything else (CJK, emoji) 2; URLs 23. */
function xWeight(cp: number): number {
  if ((cp >= 0 && cp <= 4351) || (cp >= 8192 && cp <= 8205) || (cp >= 8208 && cp <= 8223) || (cp >= 8242 && cp <= 8247)) return 1;
  return 2;
}

/** Length of `text` in the unit of `Connector.replyLimit()` for the platform. */
export function replyLength(platform: Platform, text: string): number {
  switch (platform) {
    case 'bluesky':
      return [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].length;
    case 'x': {
      let n = 0;
      const rest = text.replace(URL_RE, () => {
        n += 23;
        return '';
      });
      for (const ch of rest) n += xWeight(ch.codePointAt(0) ?? 0);
      return n;
    }
    case 'mastodon': {
      // Mastodon counts every URL as 23 characters.
      let n = 0;
      const rest = text.replace(URL_RE, () => {
        n += 23;
        return '';
      });
      return n + [...rest].length;
    }
    default:
      return [...text].length;
  }
}
