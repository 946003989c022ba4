import { createContext } from 'react';
import { createInboxSocket, type SocketFactory } from './inbox-socket';

/** Where the inbox gets its socket from: the real one by default, a fake in tests. */
export const SocketFactoryContext = createContext<SocketFactory>(createInboxSocket);
