export * from './rss.connector.js';
export * from './parse-feed.js';
