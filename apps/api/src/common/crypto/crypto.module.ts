import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/env.js';
import { loadSecretKey, SECRET_BOX, SecretBox } from './secret-box.js';

@Global()
@Module({
  providers: [{ provide: SECRET_BOX, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new SecretBox(loadSecretKey(config)) }],
  exports: [SECRET_BOX],
})
export class CryptoModule {}
