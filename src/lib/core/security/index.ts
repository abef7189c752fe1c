export * from './errors';
export * from './keys';
export * from './limits';
export * from './record-cipher';
export * from './unlock-attempts';
export * from './unlock-delay';
export * from './audit';
export * from './retention';
