import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// findBy* / waitFor give up after this long. A ceiling, not a speed target: *ByRole queries walk
// the whole accessible tree, and on a loaded 2-core CI machine the default 1 s ran out before a
// page had rendered its (mocked) data (SourcesPage, a fresh clone's npm test run beside other jobs).
configure({ asyncUtilTimeout: 10_000 });
