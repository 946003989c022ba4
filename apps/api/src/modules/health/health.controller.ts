import { Controller, Get, Inject, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HealthSchema, type Health } from '@earshot/contracts';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { ApiDoc } from '../../common/decorators/api-doc.decorator.js';
import { Public } from '../../common/decorators/public.decorator.js';
import { APP_CONFIG, type AppConfig } from '../../config/env.js';

const started = Date.now();

@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** 200 when the database answers, 503 otherwise (load balancers and compose read the status). */
  @Public()
  @Get()
  @ApiDoc({ tag: 'health', summary: 'Liveness and database reachability, with the version', response: HealthSchema })
  async check(@Res({ passthrough: true }) res: Response): Promise<Health> {
    const t0 = performance.now();
    let database: Health['database'];
    try {
      await Promise.race([
        this.dataSource.query('SELECT 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 3 s')), 3000).unref()),
      ]);
      database = { status: 'up', engine: this.config.database.engine, latencyMs: Math.round((performance.now() - t0) * 10) / 10 };
    } catch (e) {
      database = { status: 'down', engine: this.config.database.engine, latencyMs: null, error: e instanceof Error ? e.message.slice(0, 200) : 'unreachable' };
    }
    if (database.status === 'down') res.status(503);
    return {
      status: database.status === 'up' ? 'ok' : 'degraded',
      version: this.config.version,
      uptimeSeconds: Math.round((Date.now() - started) / 1000),
      database,
    };
  }
}
