export * from './errors';
export * from './ip';
export * from './name';
export * from './records';
export * from './txt';
export * from './zone';
