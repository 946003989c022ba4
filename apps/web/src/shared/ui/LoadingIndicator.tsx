/** An inline loading indicator with a text for screen readers and sighted users alike. */
export function LoadingIndicator({ label }: { label: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}
