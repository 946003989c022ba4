import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
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

/** Wires the feature modules; nothing else. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, dataSourceOptions: DataSourceOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot({ ...dataSourceOptions, migrationsRun: false }),
        AuditModule,
        AuthModule,
        UsersModule,
        HealthModule,
        DocsModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ApiExceptionFilter }],
    };
  }
}
