export * from './text';
export * from './case-record';
export * from './client-copy';
