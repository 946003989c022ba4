import { AuditEventEntity } from '../modules/audit/audit-event.entity.js';
import { SessionEntity } from '../modules/auth/session.entity.js';
import { LoginThrottleEntity } from '../modules/auth/login-throttle.entity.js';
import { UserEntity } from '../modules/users/user.entity.js';
import { WorkspaceEntity } from '../modules/workspaces/workspace.entity.js';
import { BrandEntity } from '../modules/brands/brand.entity.js';
import { ListeningQueryEntity } from '../modules/listening-queries/listening-query.entity.js';
import { SourceEntity } from '../modules/sources/source.entity.js';
import { AuthorEntity } from '../modules/mentions/author.entity.js';
import { MentionEntity } from '../modules/mentions/mention.entity.js';
import { MentionNoteEntity } from '../modules/mentions/mention-note.entity.js';
import { MentionRawEntity } from '../modules/mentions/mention-raw.entity.js';
import { MentionCorrectionEntity } from '../modules/mentions/mention-correction.entity.js';
import { ReplyEntity } from '../modules/replies/reply.entity.js';
import { ReplyTemplateEntity } from '../modules/templates/reply-template.entity.js';
import { VoiceGuideEntity } from '../modules/voice/voice-guide.entity.js';
import { WorkspaceModelEntity } from '../modules/learning/workspace-model.entity.js';
import { PhraseRuleEntity } from '../modules/learning/phrase-rule.entity.js';
import { CategoryOwnerEntity } from '../modules/root-causes/category-owner.entity.js';
import { RootCauseStatusEntity, RootCauseStatusHistoryEntity } from '../modules/root-causes/root-cause-status.entity.js';
import { OwnerShareLinkEntity } from '../modules/root-causes/owner-share-link.entity.js';
import { OwnerDigestEntity } from '../modules/root-causes/owner-digest.entity.js';
import { WebhookDeliveryEntity } from '../common/webhooks/webhook-delivery.entity.js';
import {
  AnalyticsHourlyComplaintsEntity,
  AnalyticsHourlyRollupEntity,
  AnalyticsHourlySummaryEntity,
  AnalyticsMatchSetEntity,
  AnalyticsRollupStateEntity,
} from '../modules/analytics/analytics-rollup.entity.js';
import { TeamHourlyRollupEntity } from '../modules/analytics/team-rollup.entity.js';
import { AlertRuleEntity } from '../modules/alerts/alert-rule.entity.js';
import { AlertEventEntity } from '../modules/alerts/alert-event.entity.js';
import { ReportEntity } from '../modules/reports/report.entity.js';
import { ReportRecipientEntity } from '../modules/reports/report-recipient.entity.js';

/** Every entity, listed once: used by the app, the migration CLI and the drift check. */
export const ENTITIES = [
  WorkspaceEntity,
  UserEntity,
  SessionEntity,
  LoginThrottleEntity,
  AuditEventEntity,
  BrandEntity,
  ListeningQueryEntity,
  SourceEntity,
  AuthorEntity,
  MentionEntity,
  MentionRawEntity,
  MentionNoteEntity,
  MentionCorrectionEntity,
  ReplyEntity,
  ReplyTemplateEntity,
  VoiceGuideEntity,
  CategoryOwnerEntity,
  RootCauseStatusEntity,
  RootCauseStatusHistoryEntity,
  OwnerShareLinkEntity,
  OwnerDigestEntity,
  WorkspaceModelEntity,
  PhraseRuleEntity,
  WebhookDeliveryEntity,
  AnalyticsMatchSetEntity,
  AnalyticsHourlyRollupEntity,
  AnalyticsHourlySummaryEntity,
  AnalyticsHourlyComplaintsEntity,
  AnalyticsRollupStateEntity,
  TeamHourlyRollupEntity,
  AlertRuleEntity,
  AlertEventEntity,
  ReportEntity,
  ReportRecipientEntity,
];
