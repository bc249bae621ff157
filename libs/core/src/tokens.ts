/** Injection tokens of the core module. */
export const CORE_CONFIG = Symbol('CORE_CONFIG');
export const SECRET_BOX = Symbol('SECRET_BOX');
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
