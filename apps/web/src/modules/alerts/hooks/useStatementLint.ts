import { useEffect, useMemo, useState } from 'react';
import type { LintReport, Platform, User, VoiceGuideBody } from '@earshot/contracts';
import { DEFAULT_VOICE_GUIDE, lintReply, type LintContext } from '@earshot/voice';
import { getVoiceGuide } from '../../voice/api/voice.api';
import type { Incident } from '../api/alert-schemas';

/** The platform most of the affected authors are on: the statement's length is counted as that platform counts it. */
export function mainPlatform(authors: Incident['authors']): Platform {
  const counts = new Map<string, number>();
  for (const a of authors) counts.set(a.platform, (counts.get(a.platform) ?? 0) + 1);
  const [best] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return (best?.[0] ?? 'x') as Platform;
}

interface StatementLintInput {
  incident: Incident;
  text: string;
  agent: Pick<User, 'firstName' | 'signature'>;
  /** The text the api checked (the proposal); its report is shown while the text is unchanged. */
  checkedText: string;
  checkedReport: LintReport;
}

/**
 * The voice linter on a statement as it is edited, with the brand's own guide (the shipped
 * default until it loads) and a complaint's context on the authors' main platform. The api
 * checks each author's reply again when it queues them.
 */
export function useStatementLint({ incident, text, agent, checkedText, checkedReport }: StatementLintInput) {
  const brandId = incident.alert.brandId;
  const [guide, setGuide] = useState<{ brandId: string; body: VoiceGuideBody } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    getVoiceGuide(brandId, controller.signal).then(
      (g) => !controller.signal.aborted && setGuide({ brandId, body: g }),
      () =>
        !controller.signal.aborted &&
        setProblem('The brand’s voice guide could not be loaded: the default guide checks meanwhile; Earshot checks again when it sends.'),
    );
    return () => controller.abort();
  }, [brandId]);

  const platform = mainPlatform(incident.authors);
  const firstHandle = incident.authors.find((a) => a.platform === platform)?.handle ?? null;
  const context = useMemo<LintContext>(
    () => ({
      platform,
      intent: 'complaint',
      category: incident.alert.category,
      mentionText: '',
      authorHandle: firstHandle,
      agent: { firstName: agent.firstName, signature: agent.signature },
      brandName: incident.alert.brandName,
    }),
    [platform, firstHandle, incident.alert.category, incident.alert.brandName, agent.firstName, agent.signature],
  );
  const loaded = guide?.brandId === brandId ? guide.body : null;
  const report = useMemo<LintReport | null>(() => {
    if (!text.trim()) return null;
    if (text === checkedText && loaded === null) return checkedReport;
    return lintReply(text, loaded ?? DEFAULT_VOICE_GUIDE, context);
  }, [text, checkedText, checkedReport, loaded, context]);
  return { report, problem, platform };
}
