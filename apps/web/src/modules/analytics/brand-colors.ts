/** A colour per brand, own brands in blues and greens first, competitors in warm hues. */
const OWN = ['#2d4fd6', '#0e9384', '#6172f3', '#15b79e'];
const COMPETITOR = ['#f04438', '#f79009', '#ba24d5', '#dd2590', '#a15c07', '#667085'];

export function brandColors(brands: ReadonlyArray<{ brandId: string; kind: 'own' | 'competitor' }>): Map<string, string> {
  let own = 0;
  let rival = 0;
  return new Map(brands.map((b) => [b.brandId, b.kind === 'own' ? OWN[own++ % OWN.length]! : COMPETITOR[rival++ % COMPETITOR.length]!]));
}
