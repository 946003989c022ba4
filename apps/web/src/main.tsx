import './app/configure-zod';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
// The stylesheets, in cascade order: a later file's rules win over an earlier one's at equal
// specificity. Tokens and the shell first, then the shared UI pieces, then each module's own.
import './app/styles.css';
import './shared/ui/ui.css';
import './modules/users/users.css';
import './modules/sources/sources.css';
import './modules/listening/listening.css';
import './shared/realtime/connection-status.css';
import './modules/inbox/inbox.css';
import './modules/templates/templates.css';
import './modules/voice/voice.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
