import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { ClaimsModule } from '../claims/claims.module.js';
import { MentionsModule } from '../mentions/mentions.module.js';
import { ReplyReadsModule } from '../replies/reply-reads.module.js';
import { RealtimeGateway } from './realtime.gateway.js';
import { RealtimePublisher } from './realtime.publisher.js';

@Module({ imports: [AuthModule, MentionsModule, ClaimsModule, ReplyReadsModule], providers: [RealtimeGateway, RealtimePublisher], exports: [RealtimeGateway] })
export class RealtimeModule {}
