// Shared Jest settings. Jest runs in ESM mode (NestJS 12 is ESM only): each project's
// `test` script starts it with `node --experimental-vm-modules`.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(fileURLToPath(import.meta.url));

/** @param {{ displayName: string, testEnvironment?: string, tsconfig?: string, extra?: object }} opts */
export function jestConfig({ displayName, testEnvironment = 'node', tsconfig = '<rootDir>/tsconfig.spec.json', extra = {} }) {
  return {
    displayName,
    testEnvironment,
    extensionsToTreatAsEsm: ['.ts', '.tsx'],
    moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
    testMatch: [
      '<rootDir>/src/**/*.spec.ts',
      '<rootDir>/src/**/*.spec.tsx',
      '<rootDir>/test/**/*.spec.ts',
      '<rootDir>/test/**/*.int-spec.ts',
      '<rootDir>/test/**/*.e2e-spec.ts',
    ],
    transform: {
      '^.+\\.tsx?$': ['ts-jest', { useESM: true, tsconfig, diagnostics: false }],
    },
    moduleNameMapper: {
      '^@earshot/social-sim$': path.join(root, 'apps/social-sim/src/index.ts'),
      '^@earshot/([a-z-]+)$': path.join(root, 'packages/$1/src/index.ts'),
      // A package's pure subpath entry (`@earshot/connectors/reply-length`, usable in the browser).
      '^@earshot/([a-z-]+)/([a-z-]+)$': path.join(root, 'packages/$1/src/$2.ts'),
      '^(\\.{1,2}/.*)\\.js$': '$1',
    },
    reporters: ['default', [path.join(root, 'tools/jest/totals-reporter.js'), { project: displayName }]],
    ...extra,
  };
}
