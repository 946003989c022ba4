import { jestConfig } from '../../jest.preset.js';

export default jestConfig({ displayName: 'query', tsconfig: '<rootDir>/tsconfig.json' });
