import type { ReactNode } from 'react';

interface FullPageMessageProps {
  title: string;
  children?: ReactNode;
  busy?: boolean;
}

/** Fills the window before the app can show anything: loading, server unreachable. */
export function FullPageMessage({ title, children, busy = false }: FullPageMessageProps) {
  return (
    <main className="full-page" aria-busy={busy || undefined}>
      <div className="full-page__card">
        <p className="brand brand--large">Earshot</p>
        {busy ? <span className="spinner" aria-hidden="true" /> : null}
        <h1 className="full-page__title" role={busy ? 'status' : undefined}>
          {title}
        </h1>
        {children}
      </div>
    </main>
  );
}
