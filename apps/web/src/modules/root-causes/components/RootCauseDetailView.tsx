import { useEffect, useRef, type ReactNode } from 'react';
import type { RootCauseDetail, SetRootCauseStatusRequest } from '@earshot/contracts';
import { categoryLabel } from '../../templates/complaint-categories';
import { formatDay } from '../period';
import { DailyChart } from './DailyChart';
import { FixOutcomeSummary } from './FixOutcomeSummary';
import { RepresentativeList } from './RepresentativeList';
import { RootCauseFigures } from './RootCauseFigures';
import { StatusBadge } from './StatusBadge';
import { StatusForm } from './StatusForm';
import { StatusHistory } from './StatusHistory';

interface RootCauseDetailViewProps {
  detail: RootCauseDetail;
  today: string;
  /** Heading level of the category's name: 1 on its own page, 2 on the owners' board. */
  headingLevel: 1 | 2;
  inboxLinks: boolean;
  /** Without it the status is shown, not set. */
  onSaveStatus?: ((request: SetRootCauseStatusRequest) => Promise<void>) | undefined;
  /** The desk's own panels (owner, tell the authors, share links, digest). */
  children?: ReactNode;
  /** Moves focus to the category's name when it opens (the link that opened it is gone). */
  focusOnOpen?: boolean;
}

/** One category in full: figures, days, the fix's outcome, representative complaints, status and its history. */
export function RootCauseDetailView({ detail, today, headingLevel, inboxLinks, onSaveStatus, children, focusOnOpen = false }: RootCauseDetailViewProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnOpen) headingRef.current?.focus();
  }, [focusOnOpen]);
  const name = categoryLabel(detail.category);
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  const Sub = headingLevel === 1 ? 'h2' : 'h3';
  const { period } = detail;
  return (
    <article className="root-cause-detail" aria-label={name} data-testid="root-cause-detail">
      <header className="root-cause-detail__head">
        <Heading className="root-cause-detail__title" ref={headingRef} tabIndex={-1}>
          {name}
        </Heading>
        <StatusBadge status={detail.status} />
        <span className="root-cause__owner">{detail.owner ? `Owner: ${detail.owner.department}` : 'No owner yet'}</span>
      </header>
      <p className="muted">
        {formatDay(period.from)} to {formatDay(period.to)}, compared with {formatDay(period.previousFrom)} to {formatDay(period.previousTo)}.
      </p>
      <RootCauseFigures row={detail} />
      <DailyChart label={name} days={detail.series} fixDate={detail.status.status === 'fix_shipped' ? detail.status.fixShippedAt : null} />
      {detail.fix ? (
        <section className="panel">
          <Sub className="panel__title">Did the fix work?</Sub>
          <FixOutcomeSummary fix={detail.fix} />
        </section>
      ) : null}
      <section className="panel">
        <Sub className="panel__title">Representative complaints</Sub>
        <RepresentativeList mentions={detail.representatives} timeZone={period.timeZone} inboxLinks={inboxLinks} />
      </section>
      <section className="panel">
        <Sub className="panel__title">Status</Sub>
        {detail.status.note && !onSaveStatus ? <p className="status-history__note">{detail.status.note}</p> : null}
        {onSaveStatus ? (
          <StatusForm key={`${detail.status.status}-${detail.status.setAt ?? ''}`} status={detail.status} today={today} onSave={onSaveStatus} />
        ) : null}
        <Sub className="status-history__title">History</Sub>
        <StatusHistory history={detail.history} timeZone={period.timeZone} />
      </section>
      {children}
    </article>
  );
}
