import type { EntityManager } from 'typeorm';
import { ReplyTemplateEntity } from '../../modules/templates/reply-template.entity.js';

type DemoTemplate = Pick<ReplyTemplateEntity, 'title' | 'body' | 'intents' | 'categories' | 'platform' | 'language' | 'shortcut'>;

/**
 * The demo brand's starter templates: the replies a social-care team sends most, written to
 * pass the shipped voice guide (acknowledge, apologise without excuses, a next step, a private
 * channel when an order or account is involved, the `^initials` sign-off). The brand's guide
 * itself needs no row: without one the default applies.
 */
export const DEMO_TEMPLATES: DemoTemplate[] = [
  {
    title: 'Complaint: sorry, let us fix it in DMs',
    body: 'Hi {{author.name | "there"}}, I can see how frustrating this is, and I\'m sorry. Please send us a DM with your order number and I\'ll look into it straight away. ^{{agent.signature}}',
    intents: ['complaint'],
    categories: [],
    platform: null,
    language: 'en',
    shortcut: 'sorry-dm',
  },
  {
    title: 'Late delivery: sorry, DM us the order',
    body: "Hi {{author.name | \"there\"}}, I understand, waiting for a parcel that hasn't come is no fun, and I'm sorry. Send us a DM with your order number and I'll check where it is. ^{{agent.signature}}",
    intents: ['complaint'],
    categories: ['delivery'],
    platform: null,
    language: 'en',
    shortcut: 'late-parcel',
  },
  {
    title: 'Question: let me find out',
    body: 'Hi {{author.name | "there"}}, thanks for asking. Let me check with the team and I\'ll get back to you here. ^{{agent.signature}}',
    intents: ['question'],
    categories: [],
    platform: null,
    language: 'en',
    shortcut: 'question',
  },
  {
    title: 'Praise: thank you',
    body: 'Thank you so much, {{author.name | "friend"}}! That made our day. I\'ll pass your kind words on to the team. ^{{agent.signature}}',
    intents: ['praise'],
    categories: [],
    platform: null,
    language: 'en',
    shortcut: 'thanks',
  },
  {
    title: 'Outage: we know, here is what to expect',
    body: "Hi {{author.name | \"there\"}}, I can see it's not working for you, and I'm sorry. Our team is fixing it now. I'll reply here as soon as it's back up. ^{{agent.signature}}",
    intents: ['complaint', 'question'],
    categories: ['outage'],
    platform: null,
    language: 'en',
    shortcut: 'outage',
  },
];

/** Adds the starter templates to the demo brand (first start only, in the seed's transaction). */
export async function seedDemoTemplates(m: EntityManager, workspaceId: string, brandId: string): Promise<void> {
  await m.insert(
    ReplyTemplateEntity,
    DEMO_TEMPLATES.map((t) => ({ ...t, workspaceId, brandId })),
  );
}
