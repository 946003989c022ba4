/**
 * Mention text (and anything else a user typed: brand names, handles, owners) made safe and legible for the
 * PDF. It is drawn as plain text only: nothing in it becomes a link, an action or a formula, and nothing in it
 * can reorder the line.
 *
 * - line breaks and tabs become spaces, runs of spaces one space;
 * - control and format characters go: C0/C1 controls, bidi overrides and isolates (U+202A–202E,
 *   U+2066–2069, LRM/RLM/ALM), zero-width characters, soft hyphens, private-use and unassigned code points;
 * - emoji (and flag pairs) go, unless the fonts can draw them as text (© ®);
 * - letters no embedded font has (CJK, Arabic, Hebrew, Thai…) become one visible "[…]" per stretch, never
 *   empty boxes or mojibake; text made only of those says so.
 */

export const UNSUPPORTED_PLACEHOLDER = '[\u2026]';
export const NOTHING_PRINTABLE = '[text in a script this report cannot show]';

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

const LINE_BREAKS = /[\r\n\t\v\f\u0085\u2028\u2029]/gu;
/** Controls, format characters (bidi, zero-width, soft hyphen, BOM), surrogates, private use, unassigned. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/u;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'gu');
const EMOJI = /[\p{Extended_Pictographic}\p{Regional_Indicator}\u20E3\uFE0F]/u;
const MARKS = /\p{M}/gu;
const GAP = '\uE000'; // private use: removed from the input above, so it marks only our own gaps
const GAP_RUN = new RegExp(`${GAP}(?:[\\s\\p{P}\\p{S}]*${GAP})*`, 'gu');
const VISIBLE = /[\p{L}\p{N}]/u;

/**
 * `canDraw(cluster)` says whether an embedded font has every character of one grapheme cluster.
 * Returns the text to draw: one line, trimmed; '' only when the input had nothing visible at all.
 */
export function printableText(input: string, canDraw: (cluster: string) => boolean): string {
  const text = input.normalize('NFC').replace(LINE_BREAKS, ' ');
  let out = '';
  let hadUnsupported = false;
  for (const { segment } of segmenter.segment(text)) {
    if (canDraw(segment) && !INVISIBLE.test(segment)) {
      out += segment;
      continue;
    }
    if (EMOJI.test(segment)) continue;
    const visible = segment.replace(INVISIBLE_ALL, '');
    if (visible === '') continue;
    if (canDraw(visible)) {
      out += visible;
      continue;
    }
    const base = visible.replace(MARKS, '');
    if (base !== '' && canDraw(base)) {
      out += base;
      continue;
    }
    hadUnsupported = true;
    out += GAP;
  }
  const result = out.replace(GAP_RUN, UNSUPPORTED_PLACEHOLDER).replace(/\s+/gu, ' ').trim();
  if (hadUnsupported && !VISIBLE.test(result.replaceAll(UNSUPPORTED_PLACEHOLDER, ''))) return NOTHING_PRINTABLE;
  return result;
}
