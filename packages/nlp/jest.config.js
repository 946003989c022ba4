import { jestConfig } from '../../jest.preset.js';

export default jestConfig({ displayName: 'nlp', tsconfig: '<rootDir>/tsconfig.json' });
