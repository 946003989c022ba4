import type { Brand } from '@earshot/contracts';

export const BRAND_KIND_LABELS: Record<Brand['kind'], string> = {
  own: 'Own brand',
  competitor: 'Competitor',
};

export const BRAND_KIND_OPTIONS = (Object.keys(BRAND_KIND_LABELS) as Brand['kind'][]).map((kind) => ({ value: kind, label: BRAND_KIND_LABELS[kind] }));

/** "@acme, acme_help  @acme@mastodon.social" -> ["@acme", "acme_help", "@acme@mastodon.social"] */
export function splitHandles(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}
