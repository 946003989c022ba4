import type { Intent, SourcePlatform } from '@earshot/contracts';

/** A made-up mention the template preview answers: what a real one of this intent might say. */
export interface SampleMention {
  authorName: string | null;
  authorHandle: string;
  text: string;
  url: string;
  platform: SourcePlatform;
  intent: Intent | null;
  category: string | null;
}

const TEXTS: Record<Intent, string> = {
  complaint: 'My order #48213 still hasn’t arrived after two weeks and nobody answers my emails. Really disappointed.',
  question: 'Does anyone know if you can change the delivery address after an order has shipped?',
  praise: 'Just want to say the support team sorted my problem in ten minutes. Brilliant service!',
  suggestion: 'It would be great if the app let me save more than one delivery address.',
  other: 'Saw your stand at the trade fair today.',
};

/**
 * The sample for a template that suits `intents` / `categories` / `platform`: the first of each,
 * so the preview lints against the situation the template is meant for. `withName: false`
 * leaves the author's display name out, to try the template's fallbacks.
 */
export function sampleMention(
  fit: { intents: readonly Intent[]; categories: readonly string[]; platform: SourcePlatform | null },
  withName = true,
): SampleMention {
  const intent = fit.intents[0] ?? 'complaint';
  return {
    authorName: withName ? 'Casey Jordan' : null,
    authorHandle: 'casey',
    text: TEXTS[intent],
    url: 'https://mastodon.social/@casey/113500000000000001',
    platform: fit.platform ?? 'mastodon',
    intent,
    category: fit.categories[0] ?? (intent === 'complaint' ? 'delivery' : null),
  };
}
