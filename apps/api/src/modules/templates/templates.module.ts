import { Module } from '@nestjs/common';
import { BrandsModule } from '../brands/brands.module.js';
import { TemplatesController } from './templates.controller.js';
import { TemplatesRepository } from './templates.repository.js';
import { TemplatesService } from './templates.service.js';

/** Reply templates per brand. Exports TemplatesService for the replies module (`findOne`). */
@Module({ imports: [BrandsModule], controllers: [TemplatesController], providers: [TemplatesService, TemplatesRepository], exports: [TemplatesService] })
export class TemplatesModule {}
