import { jestConfig } from '../../jest.preset.js';

export default jestConfig({ displayName: 'contracts', tsconfig: '<rootDir>/tsconfig.json' });
