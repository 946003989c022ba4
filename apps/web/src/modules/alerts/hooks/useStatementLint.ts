import { useEffect, useMemo, useState } from 'react';
import type { LintFinding, LintReport, Platform, User, VoiceGuideBody } from '@earshot/contracts';
import { DEFAULT_VOICE_GUIDE, lintReply, renderTemplate, type TemplateValues } from '@earshot/voice';
import { getVoiceGuide } from '../../voice/api/voice.api';
import type { Incident } from '../api/alert-schemas';
import { addressedReply, findingsInBody } from '../statement-preview';

export interface BrandGuide {
  /** Null until it is loaded, or when it could not be: the default guide checks meanwhile. */
  guide: VoiceGuideBody | null;
  /** Why it is missing, in words. */
  problem: string | null;
}

/** The brand's voice guide, read once for the incident view's two editors. */
export function useBrandGuide(brandId: string): BrandGuide {
  const [guide, setGuide] = useState<{ brandId: string; body: VoiceGuideBody } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    getVoiceGuide(brandId, controller.signal).then(
      (g) => !controller.signal.aborted && setGuide({ brandId, body: g }),
      () =>
        !controller.signal.aborted &&
        setProblem('The brand’s voice guide could not be loaded: the default guide checks meanwhile, and Earshot checks again when it sends.'),
    );
    return () => controller.abort();
  }, [brandId]);
  return { guide: guide?.brandId === brandId ? guide.body : null, problem };
}

type Agent = Pick<User, 'firstName' | 'signature'>;

/** What an author's template variables take: the composer's values for the agent, the brand and this author. */
function valuesFor(agent: Agent, brandName: string, author: { handle: string; name: string | null }): TemplateValues {
  return {
    'agent.first_name': agent.firstName.trim() || undefined,
    'agent.signature': agent.signature.trim() || undefined,
    'brand.name': brandName || undefined,
    'author.name': author.name?.trim() || undefined,
    'author.handle': author.handle,
  };
}

/** The author the api previewed the statement for (or the first it could answer, or a sample). */
export function previewAuthor(incident: Incident): { platform: Platform; handle: string; name: string | null; ref: string } {
  const authors = incident.authors;
  const a =
    authors.find((x) => x.mentionId === incident.holdingStatement.previewMentionId) ?? authors.find((x) => x.canReply && !x.replied) ?? authors[0] ?? null;
  return a
    ? { platform: a.platform, handle: a.handle, name: a.displayName, ref: a.ref }
    : { platform: 'mastodon', handle: 'casey', name: 'Casey', ref: 'abcde' };
}

export interface StatementCheck {
  /** What the previewed author gets; null when the statement's variables do not render. */
  preview: string | null;
  author: ReturnType<typeof previewAuthor>;
  /** The linter's report on `preview`; findings placed in the statement as `findings`. */
  report: LintReport | null;
  findings: LintFinding[];
  templateErrors: string[];
}

/**
 * The holding statement checked as it is edited: rendered for the previewed author and
 * addressed as the api will address it, then linted with the brand's guide in a complaint's
 * context. While the text is the api's proposal, the api's own report is shown (it knows the
 * author's mention). The api checks each author's reply again when it queues them.
 */
export function useHoldingStatementCheck(incident: Incident, body: string, agent: Agent, guide: VoiceGuideBody | null): StatementCheck {
  const proposal = incident.holdingStatement;
  const { firstName, signature } = agent;
  const author = useMemo(() => previewAuthor(incident), [incident]);
  const { brandName, category } = incident.alert;
  return useMemo(() => {
    if (!body.trim()) return { preview: null, author, report: null, findings: [], templateErrors: [] };
    if (body === proposal.body) {
      return {
        preview: proposal.preview,
        author,
        report: proposal.lint,
        findings: findingsInBody(body, proposal.preview, proposal.lint.findings),
        templateErrors: [],
      };
    }
    const values = valuesFor({ firstName, signature }, brandName, author);
    const rendered = renderTemplate(body, values);
    if (!rendered.ok) return { preview: null, author, report: null, findings: [], templateErrors: rendered.errors.map((e) => e.message) };
    const used = guide ?? DEFAULT_VOICE_GUIDE;
    const signOff = used.signOff ? renderTemplate(used.signOff, values) : null;
    const preview = addressedReply(rendered.text, author, author.ref, signOff?.ok && signOff.text.trim() ? signOff.text.trim() : null);
    const report = lintReply(preview, used, {
      platform: author.platform,
      intent: 'complaint',
      category,
      mentionText: '',
      authorHandle: author.handle,
      agent: { firstName, signature },
      brandName,
    });
    return { preview, author, report, findings: findingsInBody(body, preview, report.findings), templateErrors: [] };
  }, [body, proposal, author, firstName, signature, brandName, category, guide]);
}

/**
 * The public status post checked as it is edited, for the platform it goes out on (no
 * author, no mention: it answers nobody). The api's report while the text is its draft
 * and the platform the suggested source's.
 */
export function useStatusPostCheck(incident: Incident, body: string, platform: Platform, agent: Agent, guide: VoiceGuideBody | null): LintReport | null {
  const draft = incident.statusPostDraft;
  const suggested = incident.statusPostSources.find((s) => s.suggested)?.platform;
  const { brandName } = incident.alert;
  return useMemo(() => {
    if (!body.trim()) return null;
    if (body === draft.body && platform === suggested) return draft.lint;
    return lintReply(body, guide ?? DEFAULT_VOICE_GUIDE, {
      platform,
      intent: null,
      category: null,
      mentionText: '',
      authorHandle: null,
      agent: { firstName: agent.firstName, signature: agent.signature },
      brandName,
    });
  }, [body, draft, platform, suggested, guide, agent.firstName, agent.signature, brandName]);
}
