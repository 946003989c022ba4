import { useId, type ReactNode } from 'react';
import {
  formatCompact,
  formatCount,
  formatCountChange,
  formatDateTime as formatStamp,
  formatDayTime,
  formatMinutes,
  formatMinutesChange,
  formatNet,
  formatPoints,
  formatShare,
  formatShareChange,
  plural,
  type ReportAlert,
  type ReportSnapshot,
  type ReportTheme,
} from '@earshot/contracts';
import { Badge } from '../../../shared/ui/Badge';
import { ChartSizeContext } from '../../analytics/components/ChartFrame';
import { STATUS_LABELS, STATUS_TONES } from '../../root-causes/root-cause-labels';
import { keepFiguresTogether } from '../report-format';
import { ChangeText } from './ChangeText';
import { DirectionMarker } from './DirectionMarker';
import { MentionQuote } from './MentionQuote';
import { NetSentimentChart } from './NetSentimentChart';
import { ShareOfVoiceChart } from './ShareOfVoiceChart';

interface ReportDocumentProps {
  snapshot: ReportSnapshot;
  /** `print`: the one-page A4 sheet (fixed chart sizes, no links, long text clipped by the print styles). */
  variant?: 'page' | 'print';
}

interface FigureRow {
  name: string;
  current: string;
  previous: string;
  change: string | null;
  delta: number | null;
  higherIsBetter: boolean | null;
}

/** A table of figures against last week: the figure's name heads each row. */
function FiguresTable({ caption, rows, testId }: { caption: string; rows: FigureRow[]; testId: string }) {
  return (
    <table className="report-table" data-testid={testId}>
      <caption className="report-table__caption">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Figure</th>
          <th scope="col">This week</th>
          <th scope="col">Last week</th>
          <th scope="col">Change</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.name}>
            <th scope="row">{r.name}</th>
            <td className="report-table__figure">{r.current}</td>
            <td className="report-table__figure report-table__previous">{r.previous}</td>
            <td>
              <ChangeText text={r.change} delta={r.delta} higherIsBetter={r.higherIsBetter} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);

function keyFigures(s: ReportSnapshot): FigureRow[] {
  const { headline: h, volume: v, shareOfVoice: sov } = s;
  return [
    {
      name: 'Net sentiment',
      current: formatNet(h.netSentiment),
      previous: formatNet(h.previousNetSentiment),
      change: h.change === null ? null : formatPoints(h.change),
      delta: h.change,
      higherIsBetter: true,
    },
    {
      name: 'Mentions',
      current: formatCount(v.mentions),
      previous: formatCount(v.previousMentions),
      change: formatCountChange(v.mentions, v.previousMentions),
      delta: v.mentions - v.previousMentions,
      higherIsBetter: null,
    },
    {
      name: 'Reach',
      current: formatCompact(v.reach),
      previous: formatCompact(v.previousReach),
      change: formatCountChange(v.reach, v.previousReach),
      delta: v.reach - v.previousReach,
      higherIsBetter: null,
    },
    {
      name: 'Share of voice',
      current: formatShare(sov.ownShare),
      previous: formatShare(sov.previousOwnShare),
      change: formatShareChange(sov.ownShare, sov.previousOwnShare),
      delta: diff(sov.ownShare, sov.previousOwnShare),
      higherIsBetter: true,
    },
  ];
}

function responseFigures(s: ReportSnapshot): FigureRow[] {
  const r = s.response;
  return [
    {
      name: 'SLA attainment',
      current: formatShare(r.slaAttainment),
      previous: formatShare(r.previousSlaAttainment),
      change: formatShareChange(r.slaAttainment, r.previousSlaAttainment),
      delta: diff(r.slaAttainment, r.previousSlaAttainment),
      higherIsBetter: true,
    },
    {
      name: 'Median first response',
      current: formatMinutes(r.medianFirstResponseMinutes),
      previous: formatMinutes(r.previousMedianFirstResponseMinutes),
      change: formatMinutesChange(r.medianFirstResponseMinutes, r.previousMedianFirstResponseMinutes),
      delta: diff(r.medianFirstResponseMinutes, r.previousMedianFirstResponseMinutes),
      higherIsBetter: false,
    },
    {
      name: 'Response rate',
      current: formatShare(r.responseRate),
      previous: formatShare(r.previousResponseRate),
      change: formatShareChange(r.responseRate, r.previousResponseRate),
      delta: diff(r.responseRate, r.previousResponseRate),
      higherIsBetter: true,
    },
    {
      name: 'Replies sent',
      current: formatCount(r.repliesSent),
      previous: formatCount(r.previousRepliesSent),
      change: formatCountChange(r.repliesSent, r.previousRepliesSent),
      delta: r.repliesSent - r.previousRepliesSent,
      higherIsBetter: null,
    },
  ];
}

function Section({ id, title, className, children }: { id: string; title: string; className?: string; children: ReactNode }) {
  return (
    <section className={['report-section', className ?? ''].filter(Boolean).join(' ')} aria-labelledby={id}>
      <h2 className="report-section__title" id={id}>
        {title}
      </h2>
      {children}
    </section>
  );
}

function ThemeItem({ theme, timeZone, plain }: { theme: ReportTheme; timeZone: string; plain: boolean }) {
  const status = theme.rootCauseStatus && theme.rootCauseStatus in STATUS_LABELS ? (theme.rootCauseStatus as keyof typeof STATUS_LABELS) : null;
  return (
    <li className="report-theme" data-testid="report-theme" data-category={theme.category}>
      <div className="report-theme__head">
        <h3 className="report-theme__title">{theme.label}</h3>
        <span className="report-theme__count">{plural(theme.count, 'complaint')}</span>
        <span className="report-theme__change">
          <ChangeText text={formatCountChange(theme.count, theme.previousCount)} delta={theme.count - theme.previousCount} higherIsBetter={false} />{' '}
          <span className="report-theme__previous">({formatCount(theme.previousCount)} last week)</span>
        </span>
        {status ? <Badge tone={STATUS_TONES[status]}>{STATUS_LABELS[status]}</Badge> : null}
      </div>
      <p className="report-theme__owner">
        {theme.owner ? (
          <>
            Owner: <strong>{theme.owner.department}</strong> <span className="report-theme__email">({theme.owner.email})</span>
          </>
        ) : (
          <span className="report-theme__unowned">No owner yet: set one under Root causes.</span>
        )}
      </p>
      {theme.examples.length > 0 ? (
        <ul className="report-theme__examples" aria-label={`What customers wrote about ${theme.label}`}>
          {theme.examples.map((e) => (
            <li key={e.mentionId}>
              <MentionQuote mention={e} timeZone={timeZone} plain={plain} />
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function alertHandling(a: ReportAlert): string {
  const parts = [plural(a.handled.repliesQueued, 'reply', 'replies')];
  if (a.handled.statusPost) parts.push('status post');
  return parts.join(', ');
}

/**
 * The weekly report's content, from its stored snapshot only (what was sent is what is shown): the headline,
 * key figures against last week, two small charts, the complaint themes with their owners and examples, the
 * alerts and how the team handled them, the team's response figures (no agent is named), notable mentions and
 * one conversation as the customer saw it. The report page and the print view both render it.
 */
export function ReportDocument({ snapshot: s, variant = 'page' }: ReportDocumentProps) {
  const id = useId();
  const plain = variant === 'print';
  const zone = s.workspace.timeZone;
  const h = s.headline;
  const charts = (
    <>
      <Section id={`${id}-net`} title="Net sentiment by day" className="report-section--chart">
        <NetSentimentChart days={s.sentimentByDay} titleId={`${id}-net`} height={plain ? 120 : 180} />
      </Section>
      <Section id={`${id}-sov`} title="Share of voice" className="report-section--chart">
        <ShareOfVoiceChart share={s.shareOfVoice} titleId={`${id}-sov`} />
      </Section>
    </>
  );

  return (
    <div className={`report report--${variant}`} data-testid="report-document">
      <section className={`report-headline report-headline--${h.direction}`} aria-labelledby={`${id}-headline`}>
        <h2 className="visually-hidden" id={`${id}-headline`}>
          Headline
        </h2>
        <DirectionMarker direction={h.direction} size="lg" />
        <p className="report-headline__sentence" data-testid="report-headline">
          {keepFiguresTogether(h.sentence)}
        </p>
        <p className="report-headline__figures">
          Net sentiment <strong>{formatNet(h.netSentiment)}</strong>
          {h.change !== null ? (
            <>
              {' '}
              (<ChangeText text={formatPoints(h.change)} delta={h.change} higherIsBetter /> on last week&rsquo;s {formatNet(h.previousNetSentiment)})
            </>
          ) : null}
          {' · '}four-week average {formatNet(h.fourWeekAverage)}
        </p>
      </section>

      <div className="report-grid">
        <Section id={`${id}-figures`} title="Key figures">
          <FiguresTable caption="This week against last week" rows={keyFigures(s)} testId="report-key-figures" />
          <p className="report-section__sentence">{keepFiguresTogether(s.volume.sentence)}</p>
        </Section>
        <Section id={`${id}-response`} title="Response performance">
          <FiguresTable caption="The team's figures (no agent is named)" rows={responseFigures(s)} testId="report-response" />
          <p className="report-section__sentence">{keepFiguresTogether(s.response.sentence)}</p>
        </Section>
        {plain ? (
          <ChartSizeContext value={{ width: 330, height: 132 }}>{charts}</ChartSizeContext>
        ) : (
          charts
        )}
      </div>

      <Section id={`${id}-themes`} title="Complaint themes for other departments">
        <p className="report-section__sentence">{keepFiguresTogether(s.themesSentence)}</p>
        {s.themes.length > 0 ? (
          <ol className="report-themes">
            {s.themes.map((t) => (
              <ThemeItem key={t.category} theme={t} timeZone={zone} plain={plain} />
            ))}
          </ol>
        ) : null}
      </Section>

      <Section id={`${id}-alerts`} title="Alerts and how the team handled them">
        <p className="report-section__sentence">{keepFiguresTogether(s.alertsSentence)}</p>
        {s.alerts.length > 0 ? (
          <table className="report-table report-table--alerts" data-testid="report-alerts">
            <caption className="visually-hidden">The week&rsquo;s alerts</caption>
            <thead>
              <tr>
                <th scope="col">Raised</th>
                <th scope="col">What happened</th>
                <th scope="col">Team&rsquo;s answer</th>
                <th scope="col">First response</th>
              </tr>
            </thead>
            <tbody>
              {s.alerts.map((a) => (
                <tr key={a.id}>
                  <th scope="row">{formatDayTime(a.raisedAt, zone)}</th>
                  <td>{keepFiguresTogether(a.sentence)}</td>
                  <td>{alertHandling(a)}</td>
                  <td className="report-table__figure">{formatMinutes(a.handled.firstResponseMinutes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </Section>

      <Section id={`${id}-notable`} title="Notable mentions" className="report-notable">
        <div className="report-notable__columns">
          {(['positive', 'negative'] as const).map((kind) => (
            <div key={kind} className={`report-notable__column report-notable__column--${kind}`}>
              <h3 className="report-notable__title">{kind === 'positive' ? 'Most-read praise' : 'Most-read criticism'}</h3>
              {s.notable[kind].length === 0 ? (
                <p className="muted">None this week.</p>
              ) : (
                <ul className="report-notable__list" aria-label={kind === 'positive' ? 'Positive mentions with the highest reach' : 'Negative mentions with the highest reach'}>
                  {s.notable[kind].map((m) => (
                    <li key={m.mentionId}>
                      <MentionQuote mention={m} timeZone={zone} plain={plain} />
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ))}
        </div>
      </Section>

      <Section id={`${id}-conversation`} title="One conversation, as the customer saw it" className="report-conversation">
        {s.conversation ? (
          <ol className="report-conversation__steps">
            <li className="report-conversation__step">
              <span className="report-conversation__who">They wrote</span>
              <MentionQuote mention={s.conversation.post} timeZone={zone} plain={plain} />
            </li>
            <li className="report-conversation__step report-conversation__step--wait">
              <span className="report-conversation__who">They waited</span>
              <span className="report-conversation__wait">{formatMinutes(s.conversation.waitMinutes)}</span>
            </li>
            <li className="report-conversation__step report-conversation__step--ours">
              <span className="report-conversation__who">We replied</span>
              <figure className="report-quote report-quote--ours">
                <blockquote className="report-quote__text" dir="auto">
                  {s.conversation.reply.body}
                </blockquote>
                <figcaption className="report-quote__meta">{formatDayTime(s.conversation.reply.sentAt, zone)}</figcaption>
              </figure>
            </li>
            <li className="report-conversation__step">
              <span className="report-conversation__who">Then they wrote</span>
              {s.conversation.nextPost ? (
                <MentionQuote mention={s.conversation.nextPost} timeZone={zone} plain={plain} />
              ) : (
                <p className="muted">Nothing more that week.</p>
              )}
            </li>
          </ol>
        ) : (
          <p className="muted">No answered conversation this week.</p>
        )}
      </Section>

      <footer className="report-footer">
        Generated {formatStamp(s.generatedAt, zone)} ({zone}) · week of {s.week.hours} hours
        {s.week.hours !== 168 ? ' (the clocks changed)' : ''} · team figures only, no agent is named · every figure as it was that week
      </footer>
    </div>
  );
}
