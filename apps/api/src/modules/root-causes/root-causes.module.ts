import { Module } from '@nestjs/common';
import { MailModule } from '../../common/mail/mail.module.js';
import { WebhooksModule } from '../../common/webhooks/webhooks.module.js';
import { ClaimsModule } from '../claims/claims.module.js';
import { RepliesModule } from '../replies/replies.module.js';
import { TemplatesModule } from '../templates/templates.module.js';
import { NotifyAuthorsService } from './notify-authors.service.js';
import { OwnerDigestScheduler } from './owner-digest.scheduler.js';
import { OwnerDigestService } from './owner-digest.service.js';
import { RootCauseFiguresRepository } from './root-cause-figures.repository.js';
import { RootCausesController } from './root-causes.controller.js';
import { RootCausesRepository } from './root-causes.repository.js';
import { RootCausesService } from './root-causes.service.js';
import { SharedRootCausesController } from './shared-root-causes.controller.js';
import { ShareLinkThrottleGuard } from './share-link-throttle.guard.js';
import { ShareLinkThrottleService } from './share-link-throttle.service.js';

/** Owners and the root-cause board (issue 14): owners, statuses, the board's figures, share links, the weekly digest, telling the authors. */
@Module({
  imports: [MailModule, WebhooksModule, ClaimsModule, RepliesModule, TemplatesModule],
  controllers: [RootCausesController, SharedRootCausesController],
  providers: [
    RootCausesRepository,
    RootCauseFiguresRepository,
    RootCausesService,
    OwnerDigestService,
    OwnerDigestScheduler,
    NotifyAuthorsService,
    ShareLinkThrottleService,
    ShareLinkThrottleGuard,
  ],
  exports: [RootCausesRepository, RootCauseFiguresRepository],
})
export class RootCausesModule {}
