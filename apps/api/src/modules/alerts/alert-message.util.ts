import type { AlertEvent, AlertWebhookPayload } from '@earshot/contracts';

/** Where the alert's pages are: absolute with EARSHOT_PUBLIC_URL, else null (the paths are in the alert). */
export interface AlertLinks {
  incident: string | null;
  inbox: string | null;
}

const pct = (share: number): string => `${Math.round(share * 100)} %`;
const round1 = (n: number): string => (Math.round(n * 10) / 10).toLocaleString('en-US');
const window = (minutes: number): string => (minutes >= 60 && minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`);

/** The jump against normal in words: `66 mentions in 5 min against 22 expected (×3.0)`. */
export function describeJump(a: Pick<AlertEvent, 'metric' | 'observed' | 'expected' | 'ratio' | 'windowMinutes'>): string {
  const ratio = a.ratio === null ? '' : ` (×${round1(a.ratio)})`;
  if (a.metric === 'negative_share') return `${pct(a.observed)} negative in ${window(a.windowMinutes)} against ${pct(a.expected)} usually${ratio}`;
  return `${round1(a.observed)} mentions in ${window(a.windowMinutes)} against ${round1(a.expected)} expected${ratio}`;
}

/** One line naming the alert: `Acme (delivery): mentions ×3.0 normal`. */
export function alertHeadline(a: Pick<AlertEvent, 'brandName' | 'category' | 'metric' | 'ratio'>): string {
  const what = a.metric === 'negative_share' ? 'negative share' : 'mentions';
  const size = a.ratio === null ? 'far above normal' : `×${round1(a.ratio)} normal`;
  return `${oneLine(a.brandName)}${a.category ? ` (${a.category})` : ''}: ${what} ${size}`;
}

const oneLine = (s: string, max = 200): string => {
  const flat = s.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029\s]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** Slack's escaping for text it parses (mrkdwn): `&`, `<` and `>` become entities, so `<!channel>` or a link can't be injected. */
export function slackEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const terms = (a: Pick<AlertEvent, 'topTerms'>, n = 5): string[] => a.topTerms.slice(0, n).map((t) => oneLine(t.term, 60));
const utc = (iso: string): string => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/**
 * The Slack-compatible webhook body (`{text, blocks}`): brand, the jump against normal, the top terms and a link
 * to the incident view. Everything that came from posts or names is escaped for Slack's mrkdwn.
 */
export function alertSlackPayload(a: AlertEvent, links: AlertLinks): AlertWebhookPayload {
  const headline = alertHeadline(a);
  const jump = describeJump(a);
  const top = terms(a);
  const incident = links.incident ?? a.incidentPath;
  const text = `:rotating_light: ${slackEscape(headline)}. ${slackEscape(jump)}, since ${utc(a.surgeStart)}.${
    top.length ? ` Top terms: ${slackEscape(top.join(', '))}.` : ''
  } ${links.incident ? `<${links.incident}|Open the incident>` : `Incident: ${slackEscape(incident)}`}`;
  const blocks: Array<Record<string, unknown>> = [
    { type: 'header', text: { type: 'plain_text', text: slackEscape(`Alert: ${headline}`.slice(0, 140)), emoji: true } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*${slackEscape(jump)}*\nSurge since ${utc(a.surgeStart)}, ${a.mentionCount} mention${a.mentionCount === 1 ? '' : 's'} so far (z ${round1(a.z)}).`,
      },
    },
  ];
  if (top.length) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*Top terms:* ${top.map((t) => slackEscape(t)).join(' · ')}` } });
  if (links.incident) {
    const buttons: Array<Record<string, unknown>> = [
      { type: 'button', text: { type: 'plain_text', text: 'Open the incident' }, url: links.incident, style: 'primary' },
    ];
    if (links.inbox) buttons.push({ type: 'button', text: { type: 'plain_text', text: 'Its mentions' }, url: links.inbox });
    blocks.push({ type: 'actions', elements: buttons });
  } else {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `Incident view: ${slackEscape(incident)}` }] });
  }
  return { text, blocks };
}

/** The alert e-mail: a one-line subject (the mailer strips line breaks again) and a plain-text body. */
export function alertMail(a: AlertEvent, links: AlertLinks): { subject: string; text: string } {
  const top = terms(a, 8);
  const lines = [
    `${alertHeadline(a)}.`,
    '',
    `${describeJump(a)}.`,
    `The surge started at ${utc(a.surgeStart)}; ${a.mentionCount} mention${a.mentionCount === 1 ? '' : 's'} so far.`,
  ];
  if (top.length) lines.push(`Top terms: ${top.join(', ')}.`);
  lines.push('', `Open the incident: ${links.incident ?? a.incidentPath}`, `Its mentions: ${links.inbox ?? a.inboxPath}`, '');
  lines.push('You get this because this address is set on the alert rule in Earshot (Settings › Alerts).');
  return { subject: `Earshot alert: ${alertHeadline(a)}`, text: lines.join('\n') };
}
