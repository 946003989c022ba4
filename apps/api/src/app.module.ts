import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSourceOptions } from 'typeorm';
import { ApiExceptionFilter } from './common/filters/api-exception.filter.js';
import { ConfigModule } from './config/config.module.js';
import type { AppConfig } from './config/env.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { DocsModule } from './modules/docs/docs.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { UsersModule } from './modules/users/users.module.js';
import { CryptoModule } from './common/crypto/crypto.module.js';
import { BrandsModule } from './modules/brands/brands.module.js';
import { ListeningQueriesModule } from './modules/listening-queries/listening-queries.module.js';
import { SourcesModule } from './modules/sources/sources.module.js';
import { IngestModule } from './modules/ingest/ingest.module.js';
import { EventsModule } from './common/events/events.module.js';
import { MentionsModule } from './modules/mentions/mentions.module.js';
import { ClaimsModule } from './modules/claims/claims.module.js';
import { SlaModule } from './modules/sla/sla.module.js';
import { RealtimeModule } from './modules/realtime/realtime.module.js';
import { RepliesModule } from './modules/replies/replies.module.js';
import { TemplatesModule } from './modules/templates/templates.module.js';
import { VoiceModule } from './modules/voice/voice.module.js';
import { LearningModule } from './modules/learning/learning.module.js';
import { RootCausesModule } from './modules/root-causes/root-causes.module.js';
import { WorkspacesModule } from './modules/workspaces/workspaces.module.js';
import { DemoDataModule } from './modules/demo-data/demo-data.module.js';
import { AnalyticsModule } from './modules/analytics/analytics.module.js';
import { AlertsModule } from './modules/alerts/alerts.module.js';
import { InsightsModule } from './modules/insights/insights.module.js';
import { IncidentsModule } from './modules/incidents/incidents.module.js';
import { ReportsModule } from './modules/reports/reports.module.js';

/** Wires the feature modules; nothing else. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, dataSourceOptions: DataSourceOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot({ ...dataSourceOptions, migrationsRun: false }),
        ScheduleModule.forRoot(),
        EventsModule,
        CryptoModule,
        AuditModule,
        AuthModule,
        UsersModule,
        HealthModule,
        DocsModule,
        BrandsModule,
        ListeningQueriesModule,
        SourcesModule,
        IngestModule,
        MentionsModule,
        ClaimsModule,
        SlaModule,
        RealtimeModule,
        RepliesModule,
        TemplatesModule,
        VoiceModule,
        LearningModule,
        RootCausesModule,
        WorkspacesModule,
        DemoDataModule,
        AnalyticsModule,
        AlertsModule,
        InsightsModule,
        IncidentsModule,
        ReportsModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ApiExceptionFilter }],
    };
  }
}
