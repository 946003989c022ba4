import type { Mention, Reply, ReplyTemplate, VoiceGuide } from '@earshot/contracts';
import { VoiceGuideBodySchema, type PutVoiceGuideRequest } from '@earshot/contracts';
import { nextId } from '../../../test/factories';

export const BRAND_ID = '00000000-0000-4000-8000-00000000b4a0';

/** A small guide, so each test sees only the findings it provokes. */
export function buildGuide(overrides: PutVoiceGuideRequest = {}): VoiceGuide {
  return {
    ...VoiceGuideBodySchema.parse({
      bannedPhrases: [{ phrase: 'kindly', suggestion: 'please', severity: 'block' }],
      promisePhrases: ['refund'],
      limits: { maxExclamations: 3, maxEmoji: 3, maxCapsWords: 3, readingGradeMax: null },
      ...overrides,
    }),
    brandId: BRAND_ID,
    customised: true,
    updatedAt: null,
    updatedBy: null,
  };
}

export function buildTemplate(overrides: Partial<ReplyTemplate> = {}): ReplyTemplate {
  return {
    id: nextId(),
    brandId: BRAND_ID,
    title: 'Template',
    body: 'Hi {{author.name | "there"}}',
    intents: [],
    categories: [],
    platform: null,
    language: null,
    shortcut: null,
    createdAt: '2026-11-01T09:00:00.000Z',
    updatedAt: '2026-11-01T09:00:00.000Z',
    ...overrides,
  };
}

export function buildReply(mention: Mention, overrides: Partial<Reply> = {}): Reply {
  const at = new Date().toISOString();
  return {
    id: nextId(),
    mentionId: mention.id,
    platform: mention.platform,
    text: 'Hi Casey, sorry about this.',
    templateId: null,
    templateUnedited: false,
    status: 'queued',
    author: { id: nextId(), name: 'Pat agent' },
    resolveOnSend: false,
    approval: { required: false, reasons: [], decidedBy: null, decidedAt: null, comment: null },
    lint: { findings: [], length: { used: 27, max: 500, unit: 'graphemes' }, blocked: false, requiresApproval: false },
    attempts: 0,
    nextAttemptAt: null,
    lastError: null,
    externalId: null,
    externalUrl: null,
    createdAt: at,
    updatedAt: at,
    sentAt: null,
    ...overrides,
  };
}

/** The routes the composer reads beside the inbox's: the claim, the brand, its templates and guide. */
export function composerRoutes(options: { templates?: ReplyTemplate[]; guide?: VoiceGuide; brandName?: string }) {
  return {
    'POST /api/mentions/:id/claim': () => ({
      status: 200,
      body: {
        user: { id: '00000000-0000-4000-8000-0000000000ee', name: 'Me' },
        claimedAt: new Date().toISOString(),
        expiresAt: new Date(Date.now() + 90_000).toISOString(),
        reason: 'replying',
      },
    }),
    'DELETE /api/mentions/:id/claim': { status: 204 },
    'GET /api/templates': { status: 200, body: { items: options.templates ?? [] } },
    'GET /api/brands/:id/voice': { status: 200, body: options.guide ?? buildGuide() },
    'GET /api/brands': {
      status: 200,
      body: { items: [{ id: BRAND_ID, name: options.brandName ?? 'Acme', kind: 'own', handles: [], createdAt: '2026-11-01T09:00:00.000Z' }] },
    },
  };
}
