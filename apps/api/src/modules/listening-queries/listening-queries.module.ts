import { Module } from '@nestjs/common';
import { ListeningQueriesController } from './listening-queries.controller.js';
import { ListeningQueriesService } from './listening-queries.service.js';
import { QueryMatcherService } from './query-matcher.service.js';

@Module({ controllers: [ListeningQueriesController], providers: [ListeningQueriesService, QueryMatcherService], exports: [QueryMatcherService] })
export class ListeningQueriesModule {}
