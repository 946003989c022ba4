import type { SentimentFilter } from '@earshot/contracts';

/** The stacks of the sentiment charts, bottom up, with their colours (the badges' hues) and words. */
export const SENTIMENT_SERIES: ReadonlyArray<{ key: SentimentFilter; label: string; color: string }> = [
  { key: 'negative', label: 'Negative', color: '#d92d20' },
  { key: 'neutral', label: 'Neutral', color: '#98a2b3' },
  { key: 'positive', label: 'Positive', color: '#12b76a' },
  { key: 'unscored', label: 'Not scored', color: '#d0d5dd' },
];

export const NET_COLOR = '#2d4fd6';

/** `-12.5` → "−12.5"; null → "–". */
export function formatNet(net: number | null): string {
  if (net === null) return '–';
  return net < 0 ? `−${Math.abs(net)}` : net > 0 ? `+${net}` : '0';
}

/** 0.423 → "42.3 %"; null → "–". */
export function formatShare(share: number | null): string {
  return share === null ? '–' : `${Math.round(share * 1000) / 10} %`;
}
