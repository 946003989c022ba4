import { Module } from '@nestjs/common';
import { BrandsModule } from '../brands/brands.module.js';
import { VoiceController } from './voice.controller.js';
import { VoiceGuideService } from './voice-guide.service.js';
import { VoiceGuidesRepository } from './voice-guides.repository.js';

/** Brand voice guides. Exports VoiceGuideService for the replies module (`guideFor`). */
@Module({ imports: [BrandsModule], controllers: [VoiceController], providers: [VoiceGuideService, VoiceGuidesRepository], exports: [VoiceGuideService] })
export class VoiceModule {}
