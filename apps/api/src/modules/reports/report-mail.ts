import type { ReportSnapshot } from '@earshot/contracts';

/**
 * The weekly report's e-mail, built from its snapshot: the subject is the week and the headline on one line (line
 * breaks and control characters removed: no header can be injected through a brand or category name), the body the
 * headline and one line per section, as plain text and as simple HTML with every value escaped. The PDF is attached
 * by the caller.
 */

export interface ReportMail {
  subject: string;
  text: string;
  html: string;
  filename: string;
}

/** One line: CR, LF, other control and line/paragraph separators become spaces; runs of spaces collapse. */
export function oneLine(s: string): string {
  return s
    .replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const sentence = (s: string) => {
  const t = oneLine(s);
  return /[.!?]$/.test(t) ? t : `${t}.`;
};

/** `earshot-report-2026-11-30.pdf` (the week's first day; only digits and dashes from the date). */
export function reportFilename(weekStart: string): string {
  return `earshot-report-${weekStart.replace(/[^0-9-]/g, '')}.pdf`;
}

export function composeReportMail(s: ReportSnapshot, link: string | null): ReportMail {
  const subject = oneLine(`Weekly reputation report, ${s.week.label}: ${s.headline.sentence}`).slice(0, 200);
  const lines = [s.volume.sentence, s.shareOfVoice.sentence, s.themesSentence, s.alertsSentence, s.response.sentence].map(sentence);
  const intro = `${oneLine(s.workspace.name)}, ${s.week.label} (${s.workspace.timeZone}):`;
  const footer = `You get this because an admin of ${oneLine(s.workspace.name)} in Earshot added this address to the weekly report's recipients.`;
  const text = [
    sentence(s.headline.sentence),
    '',
    intro,
    ...lines.map((l) => `- ${l}`),
    '',
    'The one-page report is attached as a PDF.',
    ...(link ? [`Online: ${link}`] : []),
    '',
    footer,
    '',
  ].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family: sans-serif; max-width: 640px">',
    `<p style="font-size: 1.2em"><strong>${escapeHtml(sentence(s.headline.sentence))}</strong></p>`,
    `<p>${escapeHtml(intro)}</p>`,
    `<ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`,
    '<p>The one-page report is attached as a PDF.</p>',
    link ? `<p><a href="${escapeHtml(link)}">Open it in Earshot</a></p>` : '',
    `<p style="color: #666; font-size: 0.85em">${escapeHtml(footer)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html, filename: reportFilename(s.week.startDate) };
}
