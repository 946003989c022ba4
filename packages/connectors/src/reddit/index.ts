export * from './reddit.connector.js';
export * from './normalize.js';
