import { Module } from '@nestjs/common';
import { WorkspacesController } from './workspaces.controller.js';
import { WorkspacesRepository } from './workspaces.repository.js';
import { WorkspacesService } from './workspaces.service.js';

/** The workspace's own settings (`PATCH /api/workspace`). */
@Module({
  controllers: [WorkspacesController],
  providers: [WorkspacesRepository, WorkspacesService],
})
export class WorkspacesModule {}
