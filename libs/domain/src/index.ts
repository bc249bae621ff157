export * from './errors';
export * from './ids';
export * from './retry-policy';
