export * from './common/error.schema.js';
export * from './common/id.schema.js';
export * from './auth/role.schema.js';
export * from './auth/login.schema.js';
export * from './users/workspace.schema.js';
export * from './users/user.schema.js';
export * from './health/health.schema.js';
export * from './common/parse-issues.util.js';
