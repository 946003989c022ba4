import { Component, type ErrorInfo, type ReactNode } from 'react';
import { FullPageMessage } from '../shared/ui/FullPageMessage';
import { Button } from '../shared/ui/Button';

interface State {
  failed: boolean;
}

/** Last line of defence: a crash in a page shows a way out instead of a blank window. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Earshot dashboard crashed', error, info.componentStack);
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <FullPageMessage title="Something went wrong">
        <p className="full-page__text">The page hit an unexpected error. Reloading usually helps.</p>
        <Button variant="primary" onClick={() => window.location.reload()}>
          Reload
        </Button>
      </FullPageMessage>
    );
  }
}
