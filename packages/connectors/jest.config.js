import { jestConfig } from '../../jest.preset.js';

export default jestConfig({ displayName: 'connectors', tsconfig: '<rootDir>/tsconfig.json' });
