import type { ReactNode } from 'react';

interface AuthPanelProps {
  title: string;
  intro: ReactNode;
  footnote: ReactNode;
  children: ReactNode;
}

/** The centred panel of the pages shown before the dashboard (sign in, choose a password). */
export function AuthPanel({ title, intro, footnote, children }: AuthPanelProps) {
  return (
    <main className="login">
      <div className="login__panel">
        <p className="brand brand--large">Earshot</p>
        <h1 className="login__title">{title}</h1>
        <p className="login__intro">{intro}</p>
        {children}
        <p className="login__footnote">{footnote}</p>
      </div>
    </main>
  );
}
