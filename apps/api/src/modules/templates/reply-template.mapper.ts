import type { ReplyTemplate } from '@earshot/contracts';
import type { ReplyTemplateEntity } from './reply-template.entity.js';

/** The only way a template leaves the api: explicit fields (no workspace id). */
export function toReplyTemplateDto(t: ReplyTemplateEntity): ReplyTemplate {
  return {
    id: t.id,
    brandId: t.brandId,
    title: t.title,
    body: t.body,
    intents: t.intents,
    categories: t.categories,
    platform: t.platform,
    language: t.language,
    shortcut: t.shortcut,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}
