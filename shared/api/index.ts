export * from './common';
export * from './documents';
export * from './errors';
export * from './assignments';
export * from './works';
export * from './account';
export * from './routes';
export * from './serialize';
