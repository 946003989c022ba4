/**
 * @earshot/voice: reply templates and the brand-voice linter. Framework-free (no Nest, no
 * React, no TypeORM): the dashboard lints as the agent types, the api lints again before
 * anything is queued, with the same code.
 */
export {};
