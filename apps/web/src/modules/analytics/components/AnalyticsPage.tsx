import { useCallback, useMemo, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { Brand } from '@earshot/contracts';
import { Button } from '../../../shared/ui/Button';
import { EmptyState } from '../../../shared/ui/EmptyState';
import { Icon } from '../../../shared/ui/Icon';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { useSession } from '../../auth/hooks/useSession';
import { listBrands } from '../../listening/api/brands.api';
import { getShareOfVoice, getTeam, getThemes, getTop, getVolume, hasAnyMention } from '../api/analytics.api';
import { toCsv } from '../csv';
import { analyticsQuery, analyticsViewFromSearch, analyticsViewToSearch, todayIn, type AnalyticsView } from '../analytics-view';
import { useReport } from '../hooks/useReport';
import { AnalyticsFilters } from './AnalyticsFilters';
import { BrandSentimentChart, type BrandSentiment } from './BrandSentimentChart';
import { ChartCard } from './ChartCard';
import { CsvDownload } from './CsvDownload';
import { CsvLink } from './CsvLink';
import { ShareOfVoiceChart } from './ShareOfVoiceChart';
import { TeamPerformance } from './TeamPerformance';
import { ThemesChart } from './ThemesChart';
import { TopLists } from './TopLists';
import { VolumeChart } from './VolumeChart';
import '../analytics.css';

/** Brands compared side by side when none is picked: the first ones (own first). */
const MAX_COMPARED = 8;

/**
 * Analytics (issue 15): volume and sentiment, complaint themes, share of voice and sentiment per
 * brand, top terms and authors, and the team's response figures, for a range in the workspace's
 * zone. Every bar and point opens the inbox with exactly the mentions it counts; every chart
 * downloads as CSV; the view lives in the address.
 */
export function AnalyticsPage() {
  const { workspace } = useSession();
  const timeZone = workspace.timeZone;
  const location = useLocation();
  const navigate = useNavigate();
  const view = useMemo(() => analyticsViewFromSearch(location.search), [location.search]);
  /** The clock the relative ranges are counted from: set when the view changes or on "Refresh". */
  const [now, setNow] = useState(() => Date.now());
  const query = useMemo(() => analyticsQuery(view, timeZone, now), [view, timeZone, now]);
  const key = query.toString();

  const setView = useCallback(
    (next: AnalyticsView) => {
      setNow(Date.now());
      void navigate({ pathname: location.pathname, search: analyticsViewToSearch(next) });
    },
    [navigate, location.pathname],
  );

  const any = useReport('any', hasAnyMention, 'Could not tell whether this workspace has mentions.');
  const brands = useReport('brands', listBrands, 'The brands could not be loaded.');
  const volume = useReport(key, (signal) => getVolume(query, signal), 'The volume could not be loaded.');
  const themes = useReport(key, (signal) => getThemes(query, signal), 'The complaint themes could not be loaded.');
  const voice = useReport(key, (signal) => getShareOfVoice(query, signal), 'The share of voice could not be loaded.');
  const top = useReport(key, (signal) => getTop(query, signal), 'The top lists could not be loaded.');
  const team = useReport(key, (signal) => getTeam(query, signal), 'The team figures could not be loaded.');

  const allBrands: readonly Brand[] = brands.status === 'ready' ? brands.data : [];
  const compared = (view.brandIds.length ? allBrands.filter((b) => view.brandIds.includes(b.id)) : allBrands).slice(0, MAX_COMPARED);
  const brandKey = brands.status === 'ready' ? `${key}#${compared.map((b) => b.id).join(',')}` : null;
  const perBrand = useReport<BrandSentiment[]>(
    brandKey,
    (signal) =>
      Promise.all(
        compared.map(async (b) => {
          const q = new URLSearchParams(query);
          q.set('brandId', b.id);
          return { brandId: b.id, name: b.name, report: await getVolume(q, signal) };
        }),
      ),
    'The sentiment per brand could not be loaded.',
  );

  const brandCsv =
    perBrand.status === 'ready'
      ? toCsv(
          ['brand', 'total', 'positive', 'neutral', 'negative', 'unscored', 'net_sentiment'],
          perBrand.data.map((b) => {
            const t = b.report.totals;
            return [b.name, t.total, t.sentiment.positive, t.sentiment.neutral, t.sentiment.negative, t.sentiment.unscored, t.netSentiment];
          }),
        )
      : null;

  const header = (
    <PageHeader
      title="Analytics"
      description="Volume, sentiment, complaint themes, share of voice and response times, by when mentions were posted."
      actions={
        <Button size="sm" variant="ghost" onClick={() => setNow(Date.now())}>
          Refresh
        </Button>
      }
    />
  );

  if (any.status === 'ready' && !any.data) {
    return (
      <div className="page">
        {header}
        <EmptyState title="Analytics appear once mentions start arriving" icon={<Icon name="analytics" size={28} />}>
          <p>Charts are drawn from real mentions only. Connect a source and the first figures show up here with the first mentions.</p>
        </EmptyState>
      </div>
    );
  }

  return (
    <div className="page page--analytics">
      {header}
      <AnalyticsFilters key={location.search} view={view} brands={allBrands} today={todayIn(timeZone, now)} timeZone={timeZone} onChange={setView} />
      <div className="analytics-grid">
        <ChartCard
          wide
          id="volume"
          title="Mentions and sentiment"
          description={`Mentions per ${view.bucket} by sentiment (the team's label where corrected), with the net sentiment: % positive − % negative. Spam left out.`}
          csv={<CsvLink kind="volume" query={query} title="Mentions and sentiment" />}
          state={volume}
        >
          {(report) => <VolumeChart report={report} view={view} />}
        </ChartCard>
        <ChartCard
          wide
          id="share-of-voice"
          title="Share of voice"
          description="Each brand's mentions against the others', counted from the listening queries a mention matched (a mention of two brands counts for both)."
          csv={<CsvLink kind="share-of-voice" query={query} title="Share of voice" />}
          state={voice}
        >
          {(report) => <ShareOfVoiceChart report={report} view={view} />}
        </ChartCard>
        <ChartCard
          id="brand-sentiment"
          title="Sentiment by brand"
          description={`Each compared brand's mentions by sentiment${compared.length < allBrands.length && view.brandIds.length === 0 ? ` (the first ${MAX_COMPARED})` : ''}.`}
          csv={<CsvDownload csv={brandCsv} filename="sentiment-by-brand.csv" title="Sentiment by brand" />}
          state={perBrand}
        >
          {(brandsSentiment) =>
            volume.status === 'ready' ? (
              <BrandSentimentChart brands={brandsSentiment} view={view} range={volume.data.range} />
            ) : (
              <p className="analytics-card__none">Waiting for the period…</p>
            )
          }
        </ChartCard>
        <ChartCard
          id="themes"
          title="Complaint themes"
          description="Complaints per category, and the change against the period of equal length before."
          csv={<CsvLink kind="themes" query={query} title="Complaint themes" />}
          state={themes}
        >
          {(report) => <ThemesChart report={report} view={view} />}
        </ChartCard>
        <ChartCard
          wide
          id="top"
          title="Top terms, hashtags and authors"
          description="What the period's mentions said most, and who said it to the most followers."
          csv={<CsvLink kind="top" query={query} title="Top terms, hashtags and authors" />}
          state={top}
        >
          {(report) => <TopLists report={report} />}
        </ChartCard>
        <ChartCard
          wide
          id="team"
          title="Team performance"
          description="How the team answered the mentions posted in the period: response and resolution times, SLA, replies, reopening and how authors felt afterwards."
          csv={<CsvLink kind="team" query={query} title="Team performance" />}
          state={team}
        >
          {(report) => <TeamPerformance report={report} />}
        </ChartCard>
      </div>
    </div>
  );
}
