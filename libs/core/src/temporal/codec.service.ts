import { Inject, Injectable } from '@nestjs/common';
import { temporal } from '@temporalio/proto';
import { DomainError } from '@threadline/domain';
import type { CoreConfig } from '../config/config';
import { CORE_CONFIG } from '../tokens';
import { type AesGcmPayloadCodec, createPayloadCodec } from './payload-codec';

type Payloads = temporal.api.common.v1.Payloads;
/** Payloads as protobuf JSON: metadata values and data in base64. */
export interface PayloadsJson {
  payloads: Array<{ metadata?: Record<string, string>; data?: string }>;
}

/** Temporal's remote codec protocol: Payloads as protobuf JSON (bytes in base64) in, the same out. */
@Injectable()
export class CodecService {
  private readonly codec: AesGcmPayloadCodec;

  constructor(@Inject(CORE_CONFIG) config: CoreConfig) {
    this.codec = createPayloadCodec(config);
  }

  encode(body: PayloadsJson): Promise<Record<string, unknown>> {
    return this.apply(body, (p) => this.codec.encode(p));
  }

  decode(body: PayloadsJson): Promise<Record<string, unknown>> {
    return this.apply(body, (p) => this.codec.decode(p));
  }

  private async apply(body: PayloadsJson, op: (payloads: temporal.api.common.v1.IPayload[]) => Promise<temporal.api.common.v1.IPayload[]>): Promise<Record<string, unknown>> {
    let input: Payloads;
    try {
      input = temporal.api.common.v1.Payloads.fromObject(body);
    } catch (err) {
      throw new DomainError('VALIDATION_FAILED', `payloads: expected Temporal Payloads as protobuf JSON (${(err as Error).message}).`, { field: 'payloads' });
    }
    let output: temporal.api.common.v1.IPayload[];
    try {
      output = await op(input.payloads);
    } catch (err) {
      throw new DomainError('VALIDATION_FAILED', `payloads: ${(err as Error).message}.`, { field: 'payloads' });
    }
    return temporal.api.common.v1.Payloads.toObject(temporal.api.common.v1.Payloads.create({ payloads: output }), { bytes: String });
  }
}
