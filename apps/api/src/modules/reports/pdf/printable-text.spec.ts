import { NOTHING_PRINTABLE, UNSUPPORTED_PLACEHOLDER, printableText } from './printable-text.js';

/** A font set like the report's: Latin, Latin-1, general punctuation, Cyrillic and Greek, no emoji, no CJK. */
const canDraw = (cluster: string) =>
  [...cluster].every((c) => {
    const cp = c.codePointAt(0)!;
    return (cp >= 0x20 && cp <= 0x24f) || (cp >= 0x370 && cp <= 0x4ff) || (cp >= 0x2000 && cp <= 0x206f);
  });
const print = (text: string) => printableText(text, canDraw);

describe('printableText', () => {
  it('keeps Latin, Cyrillic and Greek letters, composed (NFC)', () => {
    expect(print('Заказ опаздывает, η παράδοση, cafe\u0301')).toBe('Заказ опаздывает, η παράδοση, café');
  });

  it('puts everything on one line', () => {
    expect(print('  line one\r\nline\ttwo\u2028three  ')).toBe('line one line two three');
  });

  it('removes bidi overrides and isolates, zero-width and control characters', () => {
    expect(print('Great app \u202Eyllaer ton\u202C honestly')).toBe('Great app yllaer ton honestly');
    expect(print('a\u2066b\u2069c\u200Bd\u200Ee\u00ADf\u0007g\uFEFFh')).toBe('abcdefgh');
  });

  it('keeps formula-looking text as the words it is', () => {
    expect(print('=HYPERLINK("http://evil.example","x")')).toBe('=HYPERLINK("http://evil.example","x")');
  });

  it('drops emoji (sequences, skin tones, flags, keycaps) but keeps © and ®', () => {
    expect(print('Love it 😍🔥 👍🏽 👨‍👩‍👧 🇩🇪 1️⃣ ©®')).toBe('Love it ©®');
  });

  it('shows one visible placeholder per stretch of a script the fonts lack', () => {
    expect(print('Delivery 配送が遅い, again 三日')).toBe(`Delivery ${UNSUPPORTED_PLACEHOLDER}, again ${UNSUPPORTED_PLACEHOLDER}`);
    expect(print('配送が遅すぎる。三日待っている。')).toBe(NOTHING_PRINTABLE);
    expect(print('التوصيل بطيء')).toBe(NOTHING_PRINTABLE);
  });

  it('is empty only for text with nothing visible', () => {
    expect(print('😍 \u202E ')).toBe('');
    expect(print('')).toBe('');
  });
});
