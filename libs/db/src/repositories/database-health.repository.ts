import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

@Injectable()
export class DatabaseHealthRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** One round trip to Postgres through the pool (readiness probes). */
  async ping(): Promise<void> {
    await this.ds.query('SELECT 1');
  }
}
