import { jestConfig } from '../../jest.preset.js';

const base = jestConfig({ displayName: 'web', testEnvironment: 'jsdom' });

export default {
  ...base,
  // A ceiling, not a speed target: page specs type into whole forms with user-event, which on a
  // loaded 2-core CI machine took over Jest's default 5 s (SourcesPage, seen in .ci/run).
  testTimeout: 30_000,
  setupFiles: ['<rootDir>/src/test/jsdom-globals.ts'],
  setupFilesAfterEnv: ['<rootDir>/src/test/setup-tests.ts'],
  moduleNameMapper: {
    ...base.moduleNameMapper,
    // Styles are imported by main.tsx only; a stray CSS import in a component must not break a suite.
    '\\.css$': '<rootDir>/src/test/style-stub.ts',
  },
};
