import { jestConfig } from '../../jest.preset.js';

export default jestConfig({ displayName: 'signals', tsconfig: '<rootDir>/tsconfig.json' });
