import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { AuthProvider } from '../modules/auth/components/AuthProvider';
import { AppRoutes } from '../app/AppRoutes';

/** Renders the whole dashboard (auth + routes) at `path`, as the browser would. */
export function renderApp(path: string) {
  const user = userEvent.setup();
  const view = render(
    <MemoryRouter initialEntries={[path]}>
      <AuthProvider>
        <AppRoutes />
      </AuthProvider>
    </MemoryRouter>,
  );
  return { user, ...view };
}
