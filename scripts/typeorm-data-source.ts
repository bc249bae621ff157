import { MigrationConfig, loadConfig } from '@threadline/core';
import { dataSourceOptions } from '@threadline/db';
import { DataSource } from 'typeorm';

/** What TypeORM's CLI reads (`npm run migration:generate`): the app's entities and migrations on DATABASE_URL. */
export default new DataSource(dataSourceOptions(loadConfig(MigrationConfig).DATABASE_URL));
