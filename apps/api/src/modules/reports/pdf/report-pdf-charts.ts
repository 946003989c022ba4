import { type ReportBrandShare, dayLabelParts as dayLabel, formatNet, formatShare, formatShareChange } from '@earshot/contracts';
import { COLOR, type PdfContext, asSentence, paragraph, sectionTitle, span, style } from './report-pdf-kit.js';

/** The two small charts, drawn with pdfkit's vectors: net sentiment by day and share of voice. */

const CHART_HEIGHT = 90;

/** Net sentiment of each day of the week as bars above (green) or below (red) zero, with their values. */
export function drawDailyNetChart(ctx: PdfContext, x: number, y: number, width: number): number {
  const days = ctx.snapshot.sentimentByDay;
  let cy = y + sectionTitle(ctx, 'Net sentiment by day', x, y, width, '% positive \u2212 % negative');
  if (!ctx.draw) return CHART_HEIGHT;

  const values = days.map((d) => d.netSentiment);
  const known = values.filter((v): v is number => v !== null);
  const labelRoom = 10;
  const plotTop = cy + labelRoom;
  const plotHeight = y + CHART_HEIGHT - 22 - labelRoom - plotTop;
  if (known.length === 0) {
    paragraph(ctx, [span(ctx, 'No scored mentions this week.', style(8, COLOR.muted))], { x, y: plotTop + plotHeight / 2 - 6, width }, 1, {
      align: 'center',
    });
    return CHART_HEIGHT;
  }
  const up = niceCeiling(Math.max(0, ...known));
  const down = niceCeiling(Math.max(0, ...known.map((v) => -v)));
  const span_ = up + down || 10;
  const scale = plotHeight / span_;
  const zeroY = plotTop + (up === 0 && down === 0 ? plotHeight : up * scale);
  const slot = width / Math.max(days.length, 1);
  const barWidth = Math.min(22, slot * 0.56);

  ctx.doc.moveTo(x, zeroY).lineTo(x + width, zeroY).lineWidth(0.75).stroke(COLOR.faint);
  days.forEach((day, i) => {
    const cx = x + slot * i + slot / 2;
    const net = day.netSentiment;
    if (net === null) {
      ctx.doc.rect(cx - barWidth / 2, zeroY - 0.75, barWidth, 1.5).fill(COLOR.rule);
    } else {
      const h = Math.max(Math.abs(net) * scale, net === 0 ? 0 : 1.2);
      const color = net > 0 ? COLOR.goodFill : net < 0 ? COLOR.badFill : COLOR.faint;
      if (net === 0) ctx.doc.rect(cx - barWidth / 2, zeroY - 0.75, barWidth, 1.5).fill(color);
      else ctx.doc.rect(cx - barWidth / 2, net > 0 ? zeroY - h : zeroY, barWidth, h).fill(color);
    }
    const valueY = net === null || net >= 0 ? zeroY - (net === null ? 0 : Math.abs(net) * scale) - 9.5 : zeroY + Math.abs(net) * scale + 1.5;
    paragraph(ctx, [span(ctx, formatNet(net), style(7, COLOR.text, 'bold'))], { x: cx - slot / 2, y: valueY, width: slot }, 1, {
      align: 'center',
    });
    const [weekday, date] = dayLabel(day.date);
    const labelY = y + CHART_HEIGHT - 20;
    paragraph(ctx, [span(ctx, weekday, style(7, COLOR.text, 'bold'))], { x: cx - slot / 2, y: labelY, width: slot }, 1, { align: 'center' });
    paragraph(ctx, [span(ctx, date, style(6.5, COLOR.muted))], { x: cx - slot / 2, y: labelY + 9, width: slot }, 1, { align: 'center' });
  });
  cy = y + CHART_HEIGHT;
  return cy - y;
}

/** 7 → 10, 23 → 25, 61 → 75, 0 → 0: a round top for the scale. */
function niceCeiling(value: number): number {
  if (value <= 0) return 0;
  for (const step of [5, 10, 25, 50, 75, 100]) if (value <= step) return step;
  return Math.ceil(value / 10) * 10;
}

/** Share of voice: one bar per brand (own brands first, in the accent colour), its share and change. */
export function drawShareOfVoice(ctx: PdfContext, x: number, y: number, width: number): number {
  const sov = ctx.snapshot.shareOfVoice;
  let cy = y + sectionTitle(ctx, 'Share of voice', x, y, width, 'mentions of each brand');
  cy += paragraph(ctx, [span(ctx, asSentence(sov.sentence), style(7.5, COLOR.text))], { x, y: cy, width }, 2);
  cy += 4;
  const rows = shareRows(sov.brands);
  if (rows.length === 0 || rows.every((r) => r.count === 0)) {
    if (!sov.sentence) paragraph(ctx, [span(ctx, 'No brand was mentioned this week.', style(8, COLOR.muted))], { x, y: cy + 8, width }, 1);
    return CHART_HEIGHT;
  }
  const nameWidth = 78;
  const valueWidth = 38;
  const changeWidth = 40;
  const barX = x + nameWidth + 4;
  const barWidth = width - nameWidth - valueWidth - changeWidth - 8;
  const rowHeight = Math.min(14, (y + CHART_HEIGHT - cy) / rows.length);
  for (const row of rows) {
    const own = row.kind === 'own';
    paragraph(ctx, [span(ctx, row.name, style(7.5, own ? COLOR.ink : COLOR.text, own ? 'bold' : 'regular'))], { x, y: cy + 1, width: nameWidth }, 1);
    if (ctx.draw) {
      ctx.doc.rect(barX, cy + 3, barWidth, 7).fill(COLOR.panel);
      const fill = Math.max(0, Math.min(1, row.share ?? 0)) * barWidth;
      if (fill > 0) ctx.doc.rect(barX, cy + 3, Math.max(fill, 1), 7).fill(own ? COLOR.accent : COLOR.faint);
    }
    paragraph(ctx, [span(ctx, formatShare(row.share), style(7.5, COLOR.ink, 'bold'))], { x: barX + barWidth + 2, y: cy + 1, width: valueWidth }, 1, {
      align: 'right',
    });
    const change = formatShareChange(row.share, row.previousShare);
    if (change !== null) {
      const delta = row.share !== null && row.previousShare !== null ? row.share - row.previousShare : null;
      const color = own && delta ? (delta > 0 ? COLOR.good : COLOR.bad) : COLOR.muted;
      paragraph(ctx, [span(ctx, change === 'no change' ? '\u00b10 pp' : change, style(7, color))], {
        x: barX + barWidth + valueWidth + 4,
        y: cy + 1.5,
        width: changeWidth,
      }, 1, { align: 'right' });
    }
    cy += rowHeight;
  }
  return Math.max(CHART_HEIGHT, cy - y);
}

type ShareRow = Pick<ReportBrandShare, 'name' | 'kind' | 'count' | 'share' | 'previousShare'>;

/** At most five rows: the own brands and the largest competitors; the rest summed into "Others". */
function shareRows(brands: readonly ReportBrandShare[]): ShareRow[] {
  if (brands.length <= 5) return [...brands];
  const own = brands.filter((b) => b.kind === 'own');
  const rest = brands.filter((b) => b.kind !== 'own').sort((a, b) => b.count - a.count);
  const keep = Math.max(1, 4 - own.length);
  const shown: ShareRow[] = [...own.slice(0, 4), ...rest.slice(0, keep)];
  const others = [...own.slice(4), ...rest.slice(keep)];
  const sumOf = (key: 'share' | 'previousShare') =>
    others.every((b) => b[key] === null) ? null : others.reduce((total, b) => total + (b[key] ?? 0), 0);
  shown.push({
    name: `${others.length} others`,
    kind: 'competitor',
    count: others.reduce((total, b) => total + b.count, 0),
    share: sumOf('share'),
    previousShare: sumOf('previousShare'),
  });
  return shown;
}
