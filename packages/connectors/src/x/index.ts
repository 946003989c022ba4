export * from './x.connector.js';
export * from './normalize.js';
