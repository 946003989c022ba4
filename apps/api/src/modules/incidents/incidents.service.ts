import { Injectable, NotFoundException } from '@nestjs/common';
import {
  INCIDENT_MAX_AUTHORS,
  missingReplyCredentials,
  type ExpectedBasis,
  type Incident,
  type IncidentAuthor,
  type IncidentGroup,
  type IncidentSeriesPoint,
  type Mention,
  type StatusPostSource,
  type VoiceGuideBody,
} from '@earshot/contracts';
import { detectorFromJSON, tokenize } from '@earshot/signals';
import { DEFAULT_VOICE_GUIDE, lintReply, renderTemplate, type TemplateValues } from '@earshot/voice';
import type { AuthContext } from '../../common/auth-context.js';
import { MentionsRepository } from '../mentions/mentions.repository.js';
import { ReplyReadsRepository } from '../replies/reply-reads.repository.js';
import { replyabilityOf } from '../replies/replyability.js';
import { TemplatesService } from '../templates/templates.service.js';
import { defaultFirstName, defaultSignature } from '../users/user.mapper.js';
import { VoiceGuideService } from '../voice/voice-guide.service.js';
import { toAlertDto } from '../alerts/alert.mapper.js';
import { toStatusPostDto } from './incident.mapper.js';
import { addressedReply, authorReference, categoryLabel, DEFAULT_HOLDING_STATEMENT, defaultStatusPost, pickHoldingTemplate } from './incident-text.util.js';
import { IncidentsRepository, type AlertMentionRow, type IncidentAlert, type AlertScope, type AuthorRow, type SourceRow } from './incidents.repository.js';

const MINUTE = 60_000;
const WEEK = 7 * 24 * 60 * MINUTE;
/** The surge chart's bucket. */
export const INCIDENT_BUCKET_MINUTES = 5;
/** The chart starts this long before the surge and ends this long after the clear (or now). */
const LEAD_MS = 2 * 60 * MINUTE;
const TAIL_MS = 60 * MINUTE;
/** The longest chart (a long-running alert shows its first three days). */
const MAX_SPAN_MS = 72 * 60 * MINUTE;
/** The most mentions an incident looks at (the newest). */
export const INCIDENT_MAX_MENTIONS = 20_000;
const SAMPLE_SIZE = 3;
const MAX_TERM_GROUPS = 8;

/** An affected author and their latest mention in the alert. */
export interface AffectedAuthor {
  author: AuthorRow;
  latest: AlertMentionRow;
  mentions: number;
  replied: boolean;
  replyStatus: IncidentAuthor['replyStatus'];
}

/** What both the view and the actions need: the alert, which mentions are its, and its authors (latest mention first). */
export interface IncidentFacts {
  alert: IncidentAlert;
  scope: AlertScope;
  mentions: AlertMentionRow[];
  authors: AffectedAuthor[];
}

/** The agent values, guide and brand name a reply to one mention is rendered and linted with (as RepliesService does). */
export interface ComposeContext {
  values: TemplateValues;
  guide: VoiceGuideBody;
  brandName: string;
  agent: { firstName: string; signature: string };
  /** The guide's sign-off rendered for this agent and brand, or null when the guide has none. */
  signOff: string | null;
}

/**
 * The incident view (GET /api/alerts/:id/incident): the alert, its surge against normal, its
 * mentions grouped, the affected authors and a proposed holding statement checked by the voice
 * linter. Reads only; the actions are IncidentActionsService's.
 */
@Injectable()
export class IncidentsService {
  constructor(
    private readonly repo: IncidentsRepository,
    private readonly mentions: MentionsRepository,
    private readonly reads: ReplyReadsRepository,
    private readonly templates: TemplatesService,
    private readonly voice: VoiceGuideService,
  ) {}

  /** Overridable clock (tests). */
  now(): Date {
    return new Date();
  }

  async incident(auth: AuthContext, alertId: string): Promise<Incident> {
    const now = this.now();
    const facts = await this.facts(auth, alertId, now);
    const { alert, scope } = facts;
    const [series, groups] = await Promise.all([this.series(alert, scope, now), this.groups(auth, facts)]);
    const shown = facts.authors.slice(0, INCIDENT_MAX_AUTHORS);
    const unanswered = facts.authors.filter((a) => !a.replied);
    const replyable = await this.replyability(auth, unanswered.map((a) => a.latest.id).concat(shown.filter((a) => a.replied).map((a) => a.latest.id)));
    const authors: IncidentAuthor[] = shown.map((a) => {
      const r = replyable.get(a.latest.id);
      return {
        authorId: a.author.id,
        handle: a.author.handle,
        displayName: a.author.displayName,
        platform: a.author.platform,
        mentionId: a.latest.id,
        postedAt: a.latest.postedAt.toISOString(),
        mentions: a.mentions,
        replied: a.replied,
        replyStatus: a.replyStatus,
        canReply: r?.canReply ?? false,
        cannotReply: r?.canReply ? null : (r?.message ?? 'This mention is no longer in the workspace.'),
        ref: authorReference(alert.event.id, a.author.id),
      };
    });
    const sources = await this.postingSources(auth.workspaceId, facts.mentions);
    const [holdingStatement, statusPostDraft, statusPosts] = await Promise.all([
      this.holdingStatement(auth, facts, unanswered.find((a) => replyable.get(a.latest.id)?.canReply) ?? facts.authors[0] ?? null),
      this.statusPostDraft(auth, alert.event, sources.find((s) => s.suggested)?.platform ?? 'mastodon'),
      this.repo.statusPosts(auth.workspaceId, alert.event.id),
    ]);
    return {
      alert: toAlertDto(alert.event, alert.brandName, now),
      window: { from: series.from.toISOString(), to: series.to.toISOString(), bucketMinutes: INCIDENT_BUCKET_MINUTES },
      expectedBasis: series.basis,
      series: series.points,
      groups,
      authors,
      holdingStatement,
      statusPostDraft,
      statusPosts: statusPosts.map(toStatusPostDto),
      statusPostSources: sources,
      counts: {
        mentions: facts.mentions.length,
        authors: facts.authors.length,
        negative: facts.mentions.filter((m) => m.negative).length,
        replied: facts.authors.filter((a) => a.replied).length,
        toAnswer: unanswered.filter((a) => replyable.get(a.latest.id)?.canReply).length,
      },
    };
  }

  /** The alert (404 when not this workspace's), its mentions in [surge start, clear or now) and its authors. */
  async facts(auth: AuthContext, alertId: string, now: Date = this.now()): Promise<IncidentFacts> {
    const alert = await this.repo.alert(auth.workspaceId, alertId);
    if (!alert) throw new NotFoundException('No such alert in this workspace.');
    const scope: AlertScope = {
      workspaceId: auth.workspaceId,
      queryIds: await this.repo.queryIdsOfBrand(auth.workspaceId, alert.event.brandId),
      category: alert.event.category,
    };
    // As the alert's inbox link: to the clear, or to now (never before the raise) while it is raised.
    const to = alert.event.clearedAt ?? new Date(Math.max(now.getTime(), alert.event.raisedAt.getTime()));
    const mentions = scope.queryIds.length === 0 ? [] : await this.repo.mentions(scope, alert.event.surgeStart, to, INCIDENT_MAX_MENTIONS);
    const answered = await this.repo.answeredMentions(
      auth.workspaceId,
      mentions.map((m) => m.id),
    );
    const byAuthor = new Map<string, { latest: AlertMentionRow; mentions: number; replyStatus: IncidentAuthor['replyStatus'] }>();
    for (const m of mentions) {
      // Newest first: the first row of an author is their latest mention, and the first answered one their latest answer.
      const a = byAuthor.get(m.authorId) ?? { latest: m, mentions: 0, replyStatus: null };
      a.mentions++;
      a.replyStatus ??= answered.get(m.id) ?? null;
      byAuthor.set(m.authorId, a);
    }
    const info = new Map((await this.repo.authors(auth.workspaceId, [...byAuthor.keys()])).map((a) => [a.id, a]));
    const authors: AffectedAuthor[] = [...byAuthor.entries()].flatMap(([id, a]) => {
      const author = info.get(id);
      return author ? [{ author, latest: a.latest, mentions: a.mentions, replied: a.replyStatus !== null, replyStatus: a.replyStatus }] : [];
    });
    return { alert, scope, mentions, authors };
  }

  /** Whether each mention can be answered from Earshot (and why not, in words), in one read. */
  async replyability(auth: AuthContext, mentionIds: string[]): Promise<Map<string, ReturnType<typeof replyabilityOf>>> {
    const facts = await this.reads.replyabilityFactsOf(auth.workspaceId, [...new Set(mentionIds)]);
    return new Map([...facts.entries()].map(([id, f]) => [id, replyabilityOf(f)]));
  }

  /** The agent, brand and guide a reply to a mention of `brandId` is composed with (the reply composer's values). */
  async composeContext(auth: AuthContext, brandId: string | null): Promise<ComposeContext> {
    const who = await this.reads.composerFacts(auth.workspaceId, auth.userId, brandId);
    const agent = { firstName: who.firstName ?? defaultFirstName(who.name), signature: who.signature ?? defaultSignature(who.name) };
    const guide = brandId ? await this.voice.guideFor(auth.workspaceId, brandId) : DEFAULT_VOICE_GUIDE;
    const brandName = who.brandName ?? '';
    const values: TemplateValues = { 'agent.first_name': agent.firstName, 'agent.signature': agent.signature, 'brand.name': who.brandName };
    const signOff = guide.signOff ? renderTemplate(guide.signOff, values) : null;
    return { values, guide, brandName, agent, signOff: signOff?.ok && signOff.text.trim() ? signOff.text.trim() : null };
  }

  /** A body with the guide's sign-off at its end (the default texts; a template brings its own). */
  withSignOff(body: string, guide: VoiceGuideBody): string {
    return guide.signOff ? `${body} ${guide.signOff}` : body;
  }

  /** Observed against expected per bucket, from two hours before the surge to an hour after the clear (or now). */
  private async series(
    alert: IncidentAlert,
    scope: AlertScope,
    now: Date,
  ): Promise<{ from: Date; to: Date; basis: ExpectedBasis; points: IncidentSeriesPoint[] }> {
    const bucketMs = INCIDENT_BUCKET_MINUTES * MINUTE;
    const from = new Date(Math.floor((alert.event.surgeStart.getTime() - LEAD_MS) / bucketMs) * bucketMs);
    const end = Math.min(now.getTime(), (alert.event.clearedAt?.getTime() ?? now.getTime()) + TAIL_MS, from.getTime() + MAX_SPAN_MS);
    const to = new Date(Math.max(from.getTime() + bucketMs, Math.ceil(end / bucketMs) * bucketMs));
    const n = Math.round((to.getTime() - from.getTime()) / bucketMs);
    const observed = scope.queryIds.length === 0 ? [] : await this.repo.bucketCounts(scope, from, to, bucketMs / 1000);
    const points: IncidentSeriesPoint[] = Array.from({ length: n }, (_, i) => ({
      start: new Date(from.getTime() + i * bucketMs).toISOString(),
      observed: 0,
      negative: 0,
      expected: null,
    }));
    for (const c of observed) {
      const p = points[c.bucket];
      if (p) Object.assign(p, { observed: c.total, negative: c.negative });
    }
    if (alert.detectorState) {
      // The rule's learned seasonal baseline, summed over the bucket's detector steps.
      const detector = detectorFromJSON(alert.detectorState);
      const stepMs = alert.detectorState.options.stepMs;
      points.forEach((p, i) => {
        const start = from.getTime() + i * bucketMs;
        let sum = 0;
        for (let t = start; t < start + bucketMs; t += stepMs) sum += detector.expectedAt(new Date(t));
        p.expected = Math.round(sum * 100) / 100;
      });
      return { from, to, basis: 'detector', points };
    }
    // No detector state: the mean of the same buckets one to four weeks before, over the weeks the scope has history for.
    const first = scope.queryIds.length === 0 ? null : await this.repo.firstPostedAt(scope);
    const weeks = [1, 2, 3, 4].filter((k) => first !== null && from.getTime() - k * WEEK >= first.getTime());
    if (weeks.length > 0) {
      const sums = new Array<number>(n).fill(0);
      for (const k of weeks) {
        for (const c of await this.repo.bucketCounts(scope, new Date(from.getTime() - k * WEEK), new Date(to.getTime() - k * WEEK), bucketMs / 1000)) {
          if (c.bucket >= 0 && c.bucket < n) sums[c.bucket]! += c.total;
        }
      }
      points.forEach((p, i) => (p.expected = Math.round((sums[i]! / weeks.length) * 100) / 100));
    }
    return { from, to, basis: 'previous_weeks', points };
  }

  /** Groups by category (each mention once) and by the alert's top terms (a mention in each term group whose term it has). */
  private async groups(auth: AuthContext, facts: IncidentFacts): Promise<IncidentGroup[]> {
    const byCategory = new Map<string, AlertMentionRow[]>();
    for (const m of facts.mentions) byCategory.set(m.category, [...(byCategory.get(m.category) ?? []), m]);
    const terms = [...new Set((facts.alert.event.topTerms ?? []).map((t) => t.term.toLowerCase()))].slice(0, MAX_TERM_GROUPS);
    const byTerm = new Map<string, AlertMentionRow[]>(terms.map((t) => [t, []]));
    if (terms.length > 0) {
      for (const m of facts.mentions) {
        const tokens = new Set(tokenize(m.text));
        for (const t of terms) if (tokens.has(t) || (!t.startsWith('#') && tokens.has(`#${t}`))) byTerm.get(t)!.push(m);
      }
    }
    const draft = [
      ...[...byCategory.entries()]
        .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
        .map(([id, rows]) => ({ key: `category:${id}`, kind: 'category' as const, label: categoryLabel(id), rows })),
      ...[...byTerm.entries()]
        .filter(([, rows]) => rows.length > 0)
        .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
        .map(([term, rows]) => ({ key: `term:${term}`, kind: 'term' as const, label: `“${term}”`, rows })),
    ];
    const samples = draft.map((g) => sampleOf(g.rows));
    const byId = new Map((await this.mentions.findByIds(auth.workspaceId, [...new Set(samples.flat())])).map((m) => [m.id, m]));
    return draft.map((g, i) => ({
      key: g.key,
      kind: g.kind,
      label: g.label,
      count: g.rows.length,
      authors: new Set(g.rows.map((r) => r.authorId)).size,
      sample: samples[i]!.map((id) => byId.get(id)).filter((m): m is Mention => m !== undefined),
    }));
  }

  /** The brand's best incident/apology template (or the default text), rendered for `sample`'s author and linted as their reply. */
  private async holdingStatement(auth: AuthContext, facts: IncidentFacts, sample: AffectedAuthor | null): Promise<Incident['holdingStatement']> {
    const alert = facts.alert.event;
    const templates = await this.templates.list(auth, { brandId: alert.brandId });
    const common = dominant(facts.mentions.map((m) => m.category));
    const template = pickHoldingTemplate(templates, alert.category ?? (common === 'other' ? null : common));
    const mention = sample ? ((await this.mentions.findOne(auth.workspaceId, sample.latest.id)) ?? null) : null;
    const ctx = await this.composeContext(auth, mention?.brandId ?? alert.brandId);
    const author = mention ? { platform: mention.platform, handle: mention.author.handle, name: mention.author.displayName } : SAMPLE_AUTHOR;
    const values: TemplateValues = { ...ctx.values, 'author.name': author.name, 'author.handle': author.handle, 'mention.url': mention?.url ?? null };
    const fallback = this.withSignOff(DEFAULT_HOLDING_STATEMENT, ctx.guide);
    let body = template?.body ?? fallback;
    let rendered = renderTemplate(body, values);
    let chosen = template;
    if (!rendered.ok) {
      // The template needs a value this author lacks (no fallback): propose the default text instead.
      body = fallback;
      rendered = renderTemplate(body, values);
      chosen = null;
    }
    const text = rendered.ok ? rendered.text : body;
    const preview = addressedReply(text, author, authorReference(alert.id, sample?.author.id ?? alert.id), ctx.signOff);
    const lint = lintReply(preview, ctx.guide, {
      platform: author.platform,
      intent: mention?.intent ?? 'complaint',
      category: mention?.category ?? alert.category,
      mentionText: mention?.text ?? '',
      authorHandle: author.handle,
      agent: ctx.agent,
      brandName: ctx.brandName,
    });
    return { templateId: chosen?.id ?? null, templateTitle: chosen?.title ?? null, body, preview, previewMentionId: mention?.id ?? null, lint };
  }

  /** A public status post for the incident, rendered for the brand and agent and linted for the platform it would go to. */
  private async statusPostDraft(auth: AuthContext, alert: IncidentAlert['event'], platform: SourceRow['platform']): Promise<Incident['statusPostDraft']> {
    const ctx = await this.composeContext(auth, alert.brandId);
    const rendered = renderTemplate(this.withSignOff(defaultStatusPost(alert.category), ctx.guide), ctx.values);
    const body = rendered.ok ? rendered.text : defaultStatusPost(alert.category);
    const lint = lintReply(body, ctx.guide, {
      platform,
      intent: null,
      category: null,
      mentionText: '',
      authorHandle: null,
      agent: ctx.agent,
      brandName: ctx.brandName,
    });
    return { body, lint };
  }

  /** Sources whose account can post a status update (a posting platform, posting credentials, not waiting for a reconnect). */
  async postingSources(workspaceId: string, mentions: readonly AlertMentionRow[]): Promise<StatusPostSource[]> {
    const usable = (await this.repo.postingSources(workspaceId)).filter(
      (s) => s.status !== 'auth_required' && (missingReplyCredentials(s.platform, s.credentialFields) ?? ['?']).length === 0,
    );
    const counts = new Map<string, number>();
    for (const m of mentions) if (m.sourceId) counts.set(m.sourceId, (counts.get(m.sourceId) ?? 0) + 1);
    let suggested: string | null = null;
    for (const s of usable) if (suggested === null || (counts.get(s.id) ?? 0) > (counts.get(suggested) ?? 0)) suggested = s.id;
    return usable.map((s) => ({ id: s.id, name: s.name, platform: s.platform, suggested: s.id === suggested }));
  }
}

/** A sample author for a preview when the alert has no author to answer. */
const SAMPLE_AUTHOR = { platform: 'mastodon' as const, handle: 'casey', name: 'Casey' };

/** Up to SAMPLE_SIZE mention ids of different authors, most urgent first, then newest. */
function sampleOf(rows: readonly AlertMentionRow[]): string[] {
  const sorted = [...rows].sort((a, b) => b.urgency - a.urgency || b.postedAt.getTime() - a.postedAt.getTime() || a.id.localeCompare(b.id));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const r of sorted) {
    if (out.length >= SAMPLE_SIZE) break;
    if (seen.has(r.authorId)) continue;
    seen.add(r.authorId);
    out.push(r.id);
  }
  return out;
}

/** The most frequent value (the first on a tie), or null. */
function dominant(values: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  for (const [v, c] of counts) if (best === null || c > counts.get(best)!) best = v;
  return best;
}
