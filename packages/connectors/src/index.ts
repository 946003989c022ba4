export * from './core/connector.js';
