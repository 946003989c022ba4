import { Learning1796490000000 } from './1796490000000-Learning.js';
import { RootCauses1796500000000 } from './1796500000000-RootCauses.js';
import { MentionCorrections1796480000000 } from './1796480000000-MentionCorrections.js';
import { WebhookDeliveries1796510000000 } from './1796510000000-WebhookDeliveries.js';
import { ReplyRetryDismiss1796470000000 } from './1796470000000-ReplyRetryDismiss.js';
import { TemplateVoiceBrandFk1796465393270 } from './1796465393270-TemplateVoiceBrandFk.js';
import { Replies1796464984714 } from './1796464984714-Replies.js';
import { LoginThrottle1796453800817 } from './1796453800817-LoginThrottle.js';
import { IngestLighterIndexes1795444674052 } from './1795444674052-IngestLighterIndexes.js';
import { MentionRaw1795442147641 } from './1795442147641-MentionRaw.js';
import { MentionSearchVector1795441733347 } from './1795441733347-MentionSearchVector.js';
import { Inbox1795440588639 } from './1795440588639-Inbox.js';
import { AuthorHistoryOnRead1795435746769 } from './1795435746769-AuthorHistoryOnRead.js';
import { AuthorHistoryIndex1795435457876 } from './1795435457876-AuthorHistoryIndex.js';
import { Listening1795432260879 } from './1795432260879-Listening.js';
import { Initial1795430539582 } from './1795430539582-Initial.js';
import { MentionPostedIndex1796520000000 } from './1796520000000-MentionPostedIndex.js';
import { SourceDemo1796530000000 } from './1796530000000-SourceDemo.js';
import { AnalyticsRollups1796540000000 } from './1796540000000-AnalyticsRollups.js';
import { Alerts1796550000000 } from './1796550000000-Alerts.js';
import { ReplyPostKind1796560000000 } from './1796560000000-ReplyPostKind.js';
import { Reports1796570000000 } from './1796570000000-Reports.js';
import { MentionTeamWork1796580000000 } from './1796580000000-MentionTeamWork.js';
import { TeamHourlyRollup1796590000000 } from './1796590000000-TeamHourlyRollup.js';
/** Every migration, in order. `npm run migration:generate -w @earshot/api -- Name` writes new ones. */
export const MIGRATIONS: Array<new () => unknown> = [
  Initial1795430539582,
  Listening1795432260879,
  AuthorHistoryIndex1795435457876,
  AuthorHistoryOnRead1795435746769,
  Inbox1795440588639,
  MentionSearchVector1795441733347,
  MentionRaw1795442147641,
  IngestLighterIndexes1795444674052,
  LoginThrottle1796453800817,
  Replies1796464984714,
  TemplateVoiceBrandFk1796465393270,
  ReplyRetryDismiss1796470000000,
  MentionCorrections1796480000000,
  Learning1796490000000,
  RootCauses1796500000000,
  WebhookDeliveries1796510000000,
  MentionPostedIndex1796520000000,
  SourceDemo1796530000000,
  AnalyticsRollups1796540000000,
  Alerts1796550000000,
  ReplyPostKind1796560000000,
  Reports1796570000000,
  MentionTeamWork1796580000000,
  TeamHourlyRollup1796590000000,
];
