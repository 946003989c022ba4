import { createHash } from 'node:crypto';
import type { Platform, ReplyTemplate } from '@earshot/contracts';
import { rankTemplates } from '@earshot/voice';

/**
 * The holding statement when the brand has no template for an incident or an apology: it
 * acknowledges, apologises, says the team is on it and offers a private channel, without a promise
 * (the default guide sends "we will…" to a manager). The brand guide's sign-off is added after it.
 */
export const DEFAULT_HOLDING_STATEMENT =
  'Hi {{author.name | "there"}}, I\'m sorry about this and thanks for letting us know. We know about the problem and our team is working on it right now. Please send us a DM if you need help in the meantime.';

/** The public status post proposed for an incident (no author: it answers nobody). */
export function defaultStatusPost(category: string | null): string {
  const what = category && category !== 'other' ? ` with ${categoryLabel(category).toLowerCase()}` : '';
  return `We know some {{brand.name | "of our"}} customers are having a problem${what} right now. I'm sorry for the trouble: our team is working on it and updates follow here as we learn more.`;
}

/** `delivery` → `Delivery`; `late_refund` → `Late refund`. */
export function categoryLabel(id: string): string {
  const words = id.replace(/[_-]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : id;
}

/** Words that make a template an incident or apology statement. */
const INCIDENT_WORDS = /\b(incident|outage|disruption|down|problem|issue|issues|known|status|investigating|sorry|apolog\w*)\b/iu;

/**
 * The brand's best template for an incident: among those that suit a complaint (and the incident's
 * category, when it has one), the ones that speak of an incident or apologise; a title that says so
 * first, then the closest fit (rankTemplates), then the title. Null: none suits, use the default text.
 */
export function pickHoldingTemplate(templates: readonly ReplyTemplate[], category: string | null): ReplyTemplate | null {
  const ranked = rankTemplates(templates, { intent: 'complaint', category, platform: null, language: null })
    .filter((r) => r.fits && INCIDENT_WORDS.test(`${r.template.title} ${r.template.body}`))
    .map((r) => ({ ...r, titled: INCIDENT_WORDS.test(r.template.title) }));
  ranked.sort((a, b) => Number(b.titled) - Number(a.titled) || b.score - a.score || a.template.title.localeCompare(b.template.title));
  return ranked[0]?.template ?? null;
}

/**
 * The short reference an author's incident reply carries (5 lower-case letters or digits, the same
 * for the same alert and author), so a follow-up in private can be matched to the incident.
 */
export function authorReference(alertId: string, authorId: string): string {
  const digest = createHash('sha256').update(`${alertId}\n${authorId}`).digest();
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  let out = '';
  for (let i = 0; i < 5; i++) out += alphabet[digest[i]! % alphabet.length];
  return out;
}

/** The reply's client key for one author of one request: the same request again finds it (nothing is queued twice). */
export function incidentClientKey(alertId: string, clientKey: string, authorId: string): string {
  return `inc-${createHash('sha256').update(`${alertId}\n${clientKey}\n${authorId}`).digest('base64url').slice(0, 40)}`;
}

/**
 * An author's reply, individually addressed: the rendered template, on X addressed to `@handle`
 * when it does not name them already, and with the author's reference before the sign-off (or at
 * the end). X refuses a second tweet with the same text from an account (403 duplicate content);
 * the address and the reference make every author's text differ, whatever the template says.
 */
export function addressedReply(rendered: string, author: { platform: Platform; handle: string }, ref: string, signOff: string | null): string {
  let text = rendered.trim();
  const handle = `@${author.handle.replace(/^@/, '')}`;
  if (author.platform === 'x' && !text.toLowerCase().includes(handle.toLowerCase())) text = `${handle} ${text}`;
  const reference = `(ref ${ref})`;
  if (signOff && text.endsWith(signOff)) {
    const body = text.slice(0, text.length - signOff.length).trimEnd();
    return `${body} ${reference} ${signOff}`;
  }
  return `${text} ${reference}`;
}
