export * from './mastodon.connector.js';
export * from './normalize.js';
