import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { AuthProvider } from '../modules/auth/components/AuthProvider';
import { AppRoutes } from '../app/AppRoutes';
import { SocketFactoryContext } from '../shared/realtime/socket-factory-context';
import { FakeSocket, fakeSocketFactory } from './fake-socket';

/**
 * Renders the whole dashboard (auth + routes) at `path`, as the browser would. The socket
 * is always a fake (a real one would try to reach a server); pass one to drive it.
 */
export function renderApp(path: string, options: { socket?: FakeSocket } = {}) {
  const user = userEvent.setup();
  const socket = options.socket ?? new FakeSocket();
  const view = render(
    <SocketFactoryContext value={fakeSocketFactory(socket)}>
      <MemoryRouter initialEntries={[path]}>
        <AuthProvider>
          <AppRoutes />
        </AuthProvider>
      </MemoryRouter>
    </SocketFactoryContext>,
  );
  return { user, socket, ...view };
}
