import type { ReactNode } from 'react';

interface BadgeProps {
  tone?: 'neutral' | 'accent' | 'success' | 'muted' | 'warning' | 'danger';
  /** Shown on hover, for the detail behind a short label. */
  title?: string | undefined;
  children: ReactNode;
}

export function Badge({ tone = 'neutral', title, children }: BadgeProps) {
  return (
    <span className={`badge badge--${tone}`} title={title}>
      {children}
    </span>
  );
}
