import { asSentence } from '../format/as-sentence';
import { Alert } from './Alert';
import { Button } from './Button';
import { LoadingIndicator } from './LoadingIndicator';

type LoadState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready' };

interface LoadProblemProps {
  state: LoadState;
  /** What is loading, for the spinner ("Loading users…"). */
  loadingLabel: string;
  /** The alert's title when loading failed ("The list of users could not be loaded"). */
  errorTitle: string;
  onRetry(): void;
}

/** The loading indicator, or the load error with "Try again"; nothing once the data is there. */
export function LoadProblem({ state, loadingLabel, errorTitle, onRetry }: LoadProblemProps) {
  if (state.status === 'loading') return <LoadingIndicator label={loadingLabel} />;
  if (state.status === 'error') {
    return (
      <Alert tone="error" title={errorTitle}>
        <p>{asSentence(state.message)}</p>
        <Button size="sm" onClick={onRetry}>
          Try again
        </Button>
      </Alert>
    );
  }
  return null;
}
