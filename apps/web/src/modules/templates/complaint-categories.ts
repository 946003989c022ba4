/**
 * The complaint categories the api's classifier assigns (`@earshot/nlp`'s DEFAULT_TAXONOMY,
 * plus its fallback `other`). Written out here because the dashboard does not bundle the
 * classifier; a spec fails when the two lists part. A workspace that classifies into other
 * categories can still type them into a template's categories.
 */
export const COMPLAINT_CATEGORIES: readonly { id: string; label: string }[] = [
  { id: 'billing', label: 'Billing and refunds' },
  { id: 'delivery', label: 'Delivery and delays' },
  { id: 'outage', label: 'Outage or technical fault' },
  { id: 'account', label: 'Account access' },
  { id: 'quality', label: 'Product quality' },
  { id: 'service', label: 'Staff and service' },
  { id: 'safety', label: 'Safety' },
  { id: 'legal', label: 'Legal and privacy' },
  { id: 'pricing', label: 'Pricing' },
  { id: 'other', label: 'Other' },
];

const LABELS = new Map(COMPLAINT_CATEGORIES.map((c) => [c.id, c.label]));

/** The category's label, or its id when the app does not know it. */
export function categoryLabel(id: string): string {
  return LABELS.get(id) ?? id;
}
