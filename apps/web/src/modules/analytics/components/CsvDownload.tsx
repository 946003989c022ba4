import { useEffect, useMemo } from 'react';

/** A CSV made in the browser from the figures the chart shows (for a chart the api has no CSV route for). */
export function CsvDownload({ csv, filename, title }: { csv: string | null; filename: string; title: string }) {
  const href = useMemo(() => {
    if (csv === null) return null;
    // jsdom (the component tests) has no object URLs.
    if (typeof URL.createObjectURL !== 'function') return `data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`;
    return URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  }, [csv]);
  useEffect(
    () => () => {
      if (href?.startsWith('blob:')) URL.revokeObjectURL(href);
    },
    [href],
  );
  if (href === null)
    return (
      <button type="button" className="button button--secondary button--sm" disabled>
        CSV<span className="visually-hidden"> of {title}</span>
      </button>
    );
  return (
    <a className="button button--secondary button--sm" href={href} download={filename} data-testid="csv-brand-sentiment">
      CSV<span className="visually-hidden"> of {title}</span>
    </a>
  );
}
