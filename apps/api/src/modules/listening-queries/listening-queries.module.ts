import { Module } from '@nestjs/common';
import { BrandsModule } from '../brands/brands.module.js';
import { ListeningQueriesController } from './listening-queries.controller.js';
import { ListeningQueriesService } from './listening-queries.service.js';
import { ListeningQueriesRepository } from './listening-queries.repository.js';
import { QueryMatcherService } from './query-matcher.service.js';

@Module({
  imports: [BrandsModule],
  controllers: [ListeningQueriesController],
  providers: [ListeningQueriesService, ListeningQueriesRepository, QueryMatcherService],
  exports: [QueryMatcherService],
})
export class ListeningQueriesModule {}
