import { type MiddlewareConsumer, Module, type NestModule, RequestMethod, Inject } from '@nestjs/common';
import { type ApiConfig, CORE_CONFIG } from '@threadline/core';
import { codecCors } from './codec-cors.middleware';
import { CodecController } from './codec.controller';

@Module({ controllers: [CodecController] })
export class CodecModule implements NestModule {
  constructor(@Inject(CORE_CONFIG) private readonly config: ApiConfig) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(codecCors(this.config.TEMPORAL_UI_URL)).forRoutes({ path: 'codec/encode', method: RequestMethod.ALL }, { path: 'codec/decode', method: RequestMethod.ALL });
  }
}
