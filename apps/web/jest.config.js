import { jestConfig } from '../../jest.preset.js';

const base = jestConfig({ displayName: 'web', testEnvironment: 'jsdom' });

export default {
  ...base,
  setupFiles: ['<rootDir>/src/test/jsdom-globals.ts'],
  setupFilesAfterEnv: ['<rootDir>/src/test/setup-tests.ts'],
  moduleNameMapper: {
    ...base.moduleNameMapper,
    // Styles are imported by main.tsx only; a stray CSS import in a component must not break a suite.
    '\\.css$': '<rootDir>/src/test/style-stub.ts',
  },
};
