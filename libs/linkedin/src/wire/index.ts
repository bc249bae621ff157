// Public face of @threadline/linkedin/wire: pure wire types and string helpers, shared with the emulator.
export * from './common';
export * from './graphql';
export * from './profile';
export * from './conversation';
export * from './message';
export * from './actions';
export * from './invitations';
export * from './sales-navigator';
export * from './realtime';
export * from './paths';
export * from './errors';
export * from './urns';
export * from './restli';
export * from './responses';
