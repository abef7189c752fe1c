export * from './errors';
export * from './keys';
export * from './record-cipher';
export * from './unlock-attempts';
export * from './audit';
export * from './retention';
