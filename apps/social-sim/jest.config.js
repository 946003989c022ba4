import { jestConfig } from '../../jest.preset.js';

export default jestConfig({ displayName: 'social-sim', tsconfig: '<rootDir>/tsconfig.json' });
