import { jestConfig } from '../../jest.preset.js';

export default jestConfig({ displayName: 'voice', tsconfig: '<rootDir>/tsconfig.json' });
