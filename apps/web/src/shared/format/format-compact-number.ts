const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

/** 950 -> "950", 12_400 -> "12.4K", 3_000_000 -> "3M": a reach that fits in a row. */
export function formatCompactNumber(value: number): string {
  return compact.format(value);
}
