import { missingReplyCredentials, PLATFORM_TABLE, type Replyability } from '@earshot/contracts';
import type { ReplyabilityFacts } from './reply-reads.repository.js';

const OK: Replyability = { code: 'ok', canReply: true, message: null };

const normalHandle = (h: string): string => h.trim().toLowerCase().replace(/^@/, '');

/**
 * Whether the team can answer a mention from Earshot, and if not, why, in words for the agent.
 * The mention detail shows it and POST /mentions/:id/replies refuses with the same words.
 */
export function replyabilityOf(f: ReplyabilityFacts): Replyability {
  if (f.platform === 'rss' || PLATFORM_TABLE[f.platform].replyCredentials.length === 0) {
    return { code: 'feed', canReply: false, message: 'Feeds cannot be answered from Earshot: open the original to respond there.' };
  }
  if (!f.source) {
    return {
      code: 'no_source',
      canReply: false,
      message: 'The source this mention came from is gone, so there is no account to answer with: open the original to respond there.',
    };
  }
  const missing = missingReplyCredentials(f.source.platform, f.source.credentialFields);
  if (missing === null || missing.length > 0) {
    const names = (missing ?? []).join(' and ');
    const sets = PLATFORM_TABLE[f.source.platform].replyCredentials.map((s) => s.join(' + ')).join(', or ');
    return {
      code: 'missing_credentials',
      canReply: false,
      message: `This ${PLATFORM_TABLE[f.source.platform].label} source cannot post replies: add ${names || 'a posting credential'} to it in Settings › Sources${
        PLATFORM_TABLE[f.source.platform].replyCredentials.length > 1 ? ` (one of: ${sets})` : ''
      }.`,
      missing: missing ?? [],
    };
  }
  if (f.matchedBrandKinds.length > 0 && f.matchedBrandKinds.every((k) => k === 'competitor')) {
    return {
      code: 'competitor_only',
      canReply: false,
      message: "This mention matched only a competitor's listening query: it cannot be answered in our brand's name.",
    };
  }
  const author = normalHandle(f.authorHandle);
  if (f.ownHandles.some((h) => normalHandle(h) === author)) {
    return { code: 'own_post', canReply: false, message: 'This post is by one of our own brand accounts: there is nothing to answer.' };
  }
  return OK;
}
