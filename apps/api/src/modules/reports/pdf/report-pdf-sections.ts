import {
  type ReportExample,
  type ReportNotable,
  formatCompact,
  formatCount,
  formatCountChange,
  formatDateTime,
  formatDayTime,
  formatMinutes,
  formatMinutesChange,
  formatNet,
  formatPercentChange,
  formatPoints,
  formatShare,
  formatShareChange,
  handleLabel,
  platformName,
} from '@earshot/contracts';
import { type Span, type TextStyle } from './pdf-text-layout.js';
import { NOTHING_PRINTABLE } from './printable-text.js';
import {
  COLOR,
  CONTENT_WIDTH,
  PAGE,
  type PdfContext,
  asSentence,
  changeMarker,
  clean,
  directionMarker,
  leading,
  panel,
  paragraph,
  rule,
  sectionTitle,
  span,
  style,
  toneColor,
  toneOf,
} from './report-pdf-kit.js';

/** The report's sections. Each takes its top-left corner and width and returns the height it used. */

export function drawHeader(ctx: PdfContext, x: number, y: number, width: number): number {
  const { snapshot } = ctx;
  paragraph(
    ctx,
    [span(ctx, 'Weekly reputation report', style(9, COLOR.accent, 'bold')), span(ctx, `  ${snapshot.workspace.name}`, style(9, COLOR.muted))],
    { x, y, width: width * 0.62 },
    1,
  );
  paragraph(ctx, [span(ctx, snapshot.week.label, style(9, COLOR.ink, 'bold'))], { x: x + width * 0.62, y, width: width * 0.38 }, 1, {
    align: 'right',
  });
  rule(ctx, x, y + 17, width);
  return 24;
}

const DIRECTION_WORDS = {
  better: 'Better than last week',
  worse: 'Worse than last week',
  steady: 'About the same as last week',
  'no-data': 'Not enough data to compare',
} as const;

export function drawHeadline(ctx: PdfContext, x: number, y: number, width: number): number {
  const { headline, volume } = ctx.snapshot;
  const r = 17;
  const textX = x + 2 * r + 14;
  const textWidth = width - (textX - x);
  const directionColor =
    headline.direction === 'better' ? COLOR.good : headline.direction === 'worse' ? COLOR.bad : COLOR.muted;
  let cy = y;
  cy += paragraph(ctx, [span(ctx, DIRECTION_WORDS[headline.direction], style(8.5, directionColor, 'bold'))], { x: textX, y: cy, width: textWidth }, 1);
  cy += 1;
  const sentenceHeight = paragraph(
    ctx,
    [span(ctx, headline.sentence || 'No headline for this week.', style(17, COLOR.ink, 'bold'))],
    { x: textX, y: cy, width: textWidth },
    ctx.density.headlineLines,
    { lineHeight: 21.5 },
  );
  directionMarker(ctx, x + r, y + 4 + r, r, headline.direction);
  cy += sentenceHeight + 3;
  cy += paragraph(ctx, [span(ctx, asSentence(volume.sentence), style(9, COLOR.text))], { x: textX, y: cy, width: textWidth }, ctx.density.contextLines);
  return Math.max(cy - y, 2 * r + 8);
}

interface Figure {
  label: string;
  value: string;
  change: string;
  delta: number | null;
  higherIsBetter: boolean | null;
  note: string;
}

function figures(ctx: PdfContext): Figure[] {
  const { headline: h, volume: v, shareOfVoice: s, response: r } = ctx.snapshot;
  const vsLastWeek = (text: string | null) => (text === null ? 'no figure last week' : text === 'no change' ? 'no change vs last week' : `${text} vs last week`);
  const pp = (a: number | null, b: number | null) => vsLastWeek(formatShareChange(a, b));
  const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
  return [
    {
      label: 'Net sentiment',
      value: formatNet(h.netSentiment),
      change: vsLastWeek(h.change === null ? null : formatPoints(h.change)),
      delta: h.change,
      higherIsBetter: true,
      note: `4-week average ${formatNet(h.fourWeekAverage)}`,
    },
    {
      label: 'Mentions',
      value: formatCount(v.mentions),
      change: vsLastWeek(
        v.mentions === v.previousMentions ? 'no change' : (formatPercentChange(v.change.percent) ?? formatCountChange(v.mentions, v.previousMentions)),
      ),
      delta: v.change.absolute,
      higherIsBetter: null,
      note: `last week ${formatCount(v.previousMentions)}`,
    },
    {
      label: 'Reach',
      value: formatCompact(v.reach),
      change: vsLastWeek(formatCountChange(v.reach, v.previousReach)),
      delta: v.reach - v.previousReach,
      higherIsBetter: null,
      note: `last week ${formatCompact(v.previousReach)}`,
    },
    {
      label: 'Share of voice',
      value: formatShare(s.ownShare),
      change: pp(s.ownShare, s.previousOwnShare),
      delta: diff(s.ownShare, s.previousOwnShare),
      higherIsBetter: true,
      note: `last week ${formatShare(s.previousOwnShare)}`,
    },
    {
      label: 'SLA attainment',
      value: formatShare(r.slaAttainment),
      change: pp(r.slaAttainment, r.previousSlaAttainment),
      delta: diff(r.slaAttainment, r.previousSlaAttainment),
      higherIsBetter: true,
      note: `last week ${formatShare(r.previousSlaAttainment)}`,
    },
    {
      label: 'Median first response',
      value: formatMinutes(r.medianFirstResponseMinutes),
      change: vsLastWeek(formatMinutesChange(r.medianFirstResponseMinutes, r.previousMedianFirstResponseMinutes)),
      delta: diff(r.medianFirstResponseMinutes, r.previousMedianFirstResponseMinutes),
      higherIsBetter: false,
      note: `last week ${formatMinutes(r.previousMedianFirstResponseMinutes)}`,
    },
    {
      label: 'Response rate',
      value: formatShare(r.responseRate),
      change: pp(r.responseRate, r.previousResponseRate),
      delta: diff(r.responseRate, r.previousResponseRate),
      higherIsBetter: true,
      note: `last week ${formatShare(r.previousResponseRate)}`,
    },
    {
      label: 'Replies sent',
      value: formatCount(r.repliesSent),
      change: vsLastWeek(formatCountChange(r.repliesSent, r.previousRepliesSent)),
      delta: r.repliesSent - r.previousRepliesSent,
      higherIsBetter: null,
      note: `last week ${formatCount(r.previousRepliesSent)}`,
    },
  ];
}

const TILE_HEIGHT = 51;
const TILE_GAP = 8;

/** Eight key figures in two rows of four, each with its week-over-week change. */
export function drawFigures(ctx: PdfContext, x: number, y: number, width: number): number {
  const tileWidth = (width - 3 * TILE_GAP) / 4;
  figures(ctx).forEach((figure, i) => {
    const tx = x + (i % 4) * (tileWidth + TILE_GAP);
    const ty = y + Math.floor(i / 4) * (TILE_HEIGHT + TILE_GAP);
    panel(ctx, tx, ty, tileWidth, TILE_HEIGHT);
    const inner = { x: tx + 9, width: tileWidth - 18 };
    paragraph(ctx, [span(ctx, figure.label, style(7.5, COLOR.muted, 'bold'))], { ...inner, y: ty + 6 }, 1);
    paragraph(ctx, [span(ctx, figure.value, style(14, COLOR.ink, 'bold'))], { ...inner, y: ty + 14.5 }, 1);
    const tone = toneOf(figure.delta, figure.higherIsBetter);
    const color = toneColor(tone);
    const changeY = ty + 32.5;
    const noChange = figure.delta === null || figure.delta === 0 || figure.change.startsWith('no ');
    if (!noChange) changeMarker(ctx, inner.x, changeY, figure.delta, color, 5);
    const offset = noChange ? 0 : 8;
    paragraph(ctx, [span(ctx, figure.change, style(7, color, tone === 'neutral' ? 'regular' : 'bold'))], {
      x: inner.x + offset,
      y: changeY,
      width: inner.width - offset,
    }, 1);
    paragraph(ctx, [span(ctx, figure.note, style(7, COLOR.muted))], { ...inner, y: changeY + 8.5 }, 1);
  });
  return 2 * TILE_HEIGHT + TILE_GAP;
}

const STATUS_WORDS: Record<string, string> = {
  open: 'open',
  investigating: 'being investigated',
  fix_shipped: 'fix shipped',
};

/** The top complaint themes: count and change, the owning department, and short quoted examples. */
export function drawThemes(ctx: PdfContext, x: number, y: number, width: number): number {
  const { themes, themesSentence } = ctx.snapshot;
  const { density } = ctx;
  let cy = y + sectionTitle(ctx, 'Top complaint themes', x, y, width, 'root causes, for the departments that own them');
  cy += paragraph(ctx, [span(ctx, asSentence(themesSentence), style(8.5, COLOR.text))], { x, y: cy, width }, 2);
  cy += 4;
  const shown = themes.slice(0, density.themes);
  if (shown.length === 0) {
    if (!themesSentence) cy += paragraph(ctx, [span(ctx, 'No complaints this week.', style(8.5, COLOR.muted))], { x, y: cy, width }, 1);
    return cy - y;
  }
  const labelWidth = 112;
  const countWidth = 128;
  const ownerX = x + labelWidth + countWidth;
  const ownerWidth = width - labelWidth - countWidth;
  const exampleWidth = (width - 14) / 2;
  for (const theme of shown) {
    rule(ctx, x, cy, width);
    cy += 4;
    paragraph(ctx, [span(ctx, theme.label || theme.category, style(9.5, COLOR.ink, 'bold'))], { x, y: cy, width: labelWidth - 6 }, 1);
    const rising = theme.change.absolute;
    const color = rising > 0 ? COLOR.bad : rising < 0 ? COLOR.good : COLOR.muted;
    const countText = `${formatCount(theme.count)} ${theme.count === 1 ? 'mention' : 'mentions'} `;
    const changeText =
      rising === 0
        ? 'no change'
        : theme.change.percent === null
          ? 'new this week'
          : (formatPercentChange(theme.change.percent) ?? '');
    const countStyle = style(8.5, COLOR.text);
    const countX = x + labelWidth;
    const countTextWidth = ctx.layout.widthOf(span(ctx, countText, countStyle));
    paragraph(ctx, [span(ctx, countText, countStyle)], { x: countX, y: cy + 1, width: countWidth }, 1);
    if (rising !== 0) changeMarker(ctx, countX + countTextWidth + 2, cy + 2.5, rising, color, 5);
    paragraph(ctx, [span(ctx, changeText, style(8.5, color, 'bold'))], {
      x: countX + countTextWidth + (rising !== 0 ? 10 : 2),
      y: cy + 1,
      width: countWidth - countTextWidth - 10,
    }, 1);
    const ownerSpans = theme.owner
      ? [
          span(ctx, 'Owner: ', style(8, COLOR.muted)),
          span(ctx, theme.owner.department, style(8, COLOR.ink, 'bold')),
          span(ctx, ` \u00b7 ${theme.owner.email}`, style(7.5, COLOR.muted)),
          ...(theme.rootCauseStatus ? [span(ctx, ` \u00b7 ${statusWords(theme.rootCauseStatus)}`, style(7.5, COLOR.muted))] : []),
        ]
      : [span(ctx, 'No owner yet: assign one in Earshot', style(8, COLOR.warn, 'bold'))];
    paragraph(ctx, ownerSpans, { x: ownerX, y: cy + 1.5, width: ownerWidth }, 1, { align: 'right' });
    cy += leading(9.5) + 1;
    let tallest = 0;
    theme.examples.slice(0, density.examples).forEach((example, i) => {
      tallest = Math.max(tallest, quote(ctx, example, x + i * (exampleWidth + 14), cy, exampleWidth, density.exampleLines));
    });
    cy += tallest + 4;
  }
  if (themes.length > shown.length) {
    const rest = themes.slice(shown.length).map((t) => `${clean(ctx, t.label)} (${formatCount(t.count)})`);
    rule(ctx, x, cy, width);
    cy += 4;
    cy += paragraph(ctx, [span(ctx, `Also: ${rest.join(', ')}`, style(7.5, COLOR.muted))], { x, y: cy, width }, 1);
  }
  return cy - y;
}

/** Their words in quotation marks; a placeholder for text the fonts cannot show stays unquoted and muted. */
function quoted(ctx: PdfContext, text: string, textStyle: TextStyle): Span {
  const cleaned = clean(ctx, text);
  if (cleaned === NOTHING_PRINTABLE || cleaned === '') return { text: cleaned || '(no text)', style: { ...textStyle, color: COLOR.muted } };
  return { text: `\u201c${cleaned}\u201d`, style: textStyle };
}

function statusWords(status: string): string {
  return STATUS_WORDS[status] ?? status.replaceAll('_', ' ');
}

/** A quoted mention: a thin bar, who said it where, and their words (cut with … when long). */
function quote(ctx: PdfContext, example: ReportExample, x: number, y: number, width: number, maxLines: number): number {
  const who = `${handleLabel(example.authorHandle, example.platform)} \u00b7 ${platformName(example.platform)} `;
  const h = paragraph(
    ctx,
    [span(ctx, who, style(7, COLOR.muted, 'bold')), quoted(ctx, example.text, style(8, COLOR.text))],
    { x: x + 7, y, width: width - 7 },
    maxLines,
  );
  if (ctx.draw) ctx.doc.rect(x, y + 1, 1.8, h - 2).fill(COLOR.rule);
  return h;
}

/** The week's alerts, what the team did about each, and the response figures in a sentence. */
export function drawAlerts(ctx: PdfContext, x: number, y: number, width: number): number {
  const { alerts, alertsSentence, response } = ctx.snapshot;
  let cy = y + sectionTitle(ctx, 'Alerts and how the team handled them', x, y, width);
  if (ctx.density.responseSentence) cy += paragraph(ctx, [span(ctx, asSentence(response.sentence), style(8, COLOR.text))], { x, y: cy, width }, 2) + 3;
  if (alerts.length === 0 || alertsSentence) {
    cy += paragraph(ctx, [span(ctx, asSentence(alertsSentence || 'No alerts this week'), style(8, COLOR.text))], { x, y: cy, width }, 2) + 3;
  }
  const shown = alerts.slice(0, ctx.density.alerts);
  for (const alert of shown) {
    if (ctx.draw) {
      ctx.doc.polygon([x, cy + 9], [x + 8, cy + 9], [x + 4, cy + 1.5]).fill(COLOR.warnFill);
    }
    // "Tuesday 14:05: Acme mention volume 3.2× normal (delivery). The team answered …": what happened, in bold;
    // what the team did follows as figures, so it survives when the sentence is cut.
    const cut = alert.sentence.indexOf('. ');
    const what = cut > 0 ? alert.sentence.slice(0, cut) : alert.sentence;
    const { repliesQueued, statusPost, firstResponseMinutes } = alert.handled;
    const handled =
      repliesQueued === 0 && !statusPost
        ? 'No reply or status post is recorded'
        : [
            repliesQueued > 0 ? `${formatCount(repliesQueued)} ${repliesQueued === 1 ? 'reply' : 'replies'}` : 'no replies',
            statusPost ? 'status update posted' : 'no status post',
            firstResponseMinutes === null ? null : `first after ${formatMinutes(firstResponseMinutes)}`,
          ]
            .filter(Boolean)
            .join(' \u00b7 ');
    cy += paragraph(ctx, [span(ctx, what, style(8, COLOR.ink, 'bold'))], { x: x + 12, y: cy, width: width - 12 }, ctx.density.alertLines);
    cy += paragraph(ctx, [span(ctx, handled, style(7.5, COLOR.text))], { x: x + 12, y: cy, width: width - 12 }, 1) + 4;
  }
  if (alerts.length > shown.length) {
    const more = alerts.length - shown.length;
    cy += paragraph(ctx, [span(ctx, `and ${more} more ${more === 1 ? 'alert' : 'alerts'} (see Earshot)`, style(7.5, COLOR.muted))], { x: x + 12, y: cy, width }, 1);
  }
  return cy - y;
}

/** The highest-reach praise and criticism of the week. */
export function drawNotable(ctx: PdfContext, x: number, y: number, width: number): number {
  const { positive, negative } = ctx.snapshot.notable;
  let cy = y + sectionTitle(ctx, 'Notable mentions', x, y, width, 'highest reach');
  const items: ReportNotable[] = [...positive.slice(0, ctx.density.notable), ...negative.slice(0, ctx.density.notable)];
  if (items.length === 0) {
    cy += paragraph(ctx, [span(ctx, 'No notable mentions this week.', style(8, COLOR.muted))], { x, y: cy, width }, 1);
    return cy - y;
  }
  for (const item of items) {
    const good = item.sentiment === 'positive';
    if (ctx.draw) changeMarker(ctx, x, cy + 1.5, good ? 1 : -1, good ? COLOR.goodFill : COLOR.badFill, 6);
    const who = `${handleLabel(item.authorHandle, item.platform)} \u00b7 ${platformName(item.platform)} \u00b7 ${formatCompact(item.authorReach)} reach `;
    cy +=
      paragraph(
        ctx,
        [span(ctx, who, style(7.5, COLOR.muted, 'bold')), quoted(ctx, item.text, style(8, COLOR.text))],
        { x: x + 11, y: cy, width: width - 11 },
        ctx.density.notableLines,
      ) + 3;
  }
  return cy - y;
}

/** One conversation as the customer saw it, left to right: their post, the wait, our reply, their next post. */
export function drawConversation(ctx: PdfContext, x: number, y: number, width: number): number {
  const { conversation } = ctx.snapshot;
  const tz = ctx.snapshot.workspace.timeZone;
  let cy = y + sectionTitle(ctx, 'One conversation, as the customer saw it', x, y, width);
  if (!conversation) {
    cy += paragraph(ctx, [span(ctx, 'No conversation was answered this week.', style(8, COLOR.muted))], { x, y: cy, width }, 1);
    return cy - y;
  }
  const { post, reply, nextPost, waitMinutes } = conversation;
  const gap = 50;
  const boxWidth = (width - 2 * gap) / 3;
  const after = nextPost ? (new Date(nextPost.postedAt).getTime() - new Date(reply.sentAt).getTime()) / 60_000 : null;
  const boxes = [
    { meta: `${handleLabel(post.authorHandle, post.platform)} on ${platformName(post.platform)} \u00b7 ${formatDayTime(post.postedAt, tz)}`, text: post.text, fill: COLOR.panel, muted: false },
    { meta: `Our reply \u00b7 ${formatDayTime(reply.sentAt, tz)}`, text: reply.body, fill: COLOR.accentSoft, muted: false },
    nextPost
      ? { meta: `Their next post \u00b7 ${formatDayTime(nextPost.postedAt, tz)}`, text: nextPost.text, fill: COLOR.panel, muted: false }
      : { meta: 'Their next post', text: 'They did not post again that week.', fill: COLOR.panel, muted: true },
  ];
  const height = Math.max(...boxes.map((b) => bubble({ ...ctx, draw: false }, b.meta, b.text, 0, 0, boxWidth, b.fill, b.muted)));
  const waits: [string, string][] = [
    [formatMinutes(waitMinutes), 'wait'],
    after !== null && Number.isFinite(after) && after >= 0 ? [formatMinutes(after), 'later'] : ['', ''],
  ];
  // In reading order (post, wait, reply, later, next post), which is also the order a copy-paste gives.
  boxes.forEach((b, i) => {
    const bx = x + i * (boxWidth + gap);
    bubble(ctx, b.meta, b.text, bx, cy, boxWidth, b.fill, b.muted, height);
    const between = waits[i];
    if (between) arrow(ctx, bx + boxWidth, cy, gap, height, between[0], between[1]);
  });
  return cy + height - y;
}

function bubble(ctx: PdfContext, meta: string, text: string, x: number, y: number, width: number, fill: string, muted: boolean, fixedHeight?: number): number {
  const pad = 7;
  const inner = { x: x + pad, width: width - 2 * pad };
  const metaStyle = style(7, COLOR.muted, 'bold');
  const textStyle = style(8, muted ? COLOR.muted : COLOR.ink);
  const measuring = { ...ctx, draw: false };
  const metaHeight = paragraph(measuring, [span(ctx, meta, metaStyle)], { ...inner, y }, 1);
  const textHeight = paragraph(measuring, [span(ctx, text, textStyle)], { ...inner, y }, ctx.density.messageLines);
  const height = fixedHeight ?? pad + metaHeight + 1 + textHeight + pad - 2;
  panel(ctx, x, y, width, height, fill);
  paragraph(ctx, [span(ctx, meta, metaStyle)], { ...inner, y: y + pad - 1 }, 1);
  paragraph(ctx, [span(ctx, text, textStyle)], { ...inner, y: y + pad + metaHeight }, ctx.density.messageLines);
  return height;
}

/** An arrow across the gap between two boxes, with how long it took above and below it. */
function arrow(ctx: PdfContext, x: number, y: number, gap: number, height: number, amount: string, word: string): void {
  const mid = y + height / 2;
  if (ctx.draw) {
    ctx.doc
      .moveTo(x + 5, mid)
      .lineTo(x + gap - 9, mid)
      .lineWidth(1)
      .stroke(COLOR.faint);
    ctx.doc.polygon([x + gap - 5, mid], [x + gap - 10, mid - 3.5], [x + gap - 10, mid + 3.5]).fill(COLOR.faint);
  }
  if (amount) paragraph(ctx, [span(ctx, amount, style(7.5, COLOR.ink, 'bold'))], { x, y: mid - 13, width: gap }, 1, { align: 'center' });
  if (word) paragraph(ctx, [span(ctx, word, style(7, COLOR.muted))], { x, y: mid + 3, width: gap }, 1, { align: 'center' });
}

export function drawFooter(ctx: PdfContext, x: number, y: number, width: number): number {
  const { snapshot } = ctx;
  rule(ctx, x, y, width);
  const text =
    `Earshot \u00b7 ${snapshot.workspace.name} \u00b7 generated ${formatDateTime(snapshot.generatedAt, snapshot.workspace.timeZone)} ` +
    `(${snapshot.workspace.timeZone}) \u00b7 net sentiment = % positive \u2212 % negative of scored mentions; spam left out`;
  return paragraph(ctx, [span(ctx, text, style(6.5, COLOR.faint))], { x, y: y + 4, width }, 1) + 4;
}

export { CONTENT_WIDTH, PAGE };
