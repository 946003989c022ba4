export * from './bluesky.connector.js';
export * from './normalize.js';
export * from './tid.js';
