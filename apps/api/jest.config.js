import { jestConfig } from '../../jest.preset.js';

export default jestConfig({
  displayName: 'api',
  extra: {
    // Integration specs boot the app (PGlite takes ~4 s to start; argon2 hashes on purpose).
    testTimeout: 60_000,
  },
});
