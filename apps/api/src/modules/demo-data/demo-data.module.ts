import { Module } from '@nestjs/common';
import { DemoDataController } from './demo-data.controller.js';
import { DemoDataRepository } from './demo-data.repository.js';
import { DemoDataService } from './demo-data.service.js';

/** `DELETE /api/workspace/demo-data`: clears the first-start demo's mentions. */
@Module({
  controllers: [DemoDataController],
  providers: [DemoDataRepository, DemoDataService],
})
export class DemoDataModule {}
