import { jestConfig } from '../../jest.preset.js';

export default jestConfig({
  displayName: 'e2e',
  tsconfig: '<rootDir>/tsconfig.json',
  extra: { testTimeout: 90_000 },
});
