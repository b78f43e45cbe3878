export * from './delimit';
export * from './feedback';
export * from './rubric';
export * from './summary';
