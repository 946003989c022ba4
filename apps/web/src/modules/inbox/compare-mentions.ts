import type { Mention, QueueSort } from '@earshot/contracts';

type Compare = (a: Mention, b: Mention) => number;

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byReceivedDesc: Compare = (a, b) => byString(b.receivedAt, a.receivedAt) || byString(b.id, a.id);
const byReceivedAsc: Compare = (a, b) => byString(a.receivedAt, b.receivedAt) || byString(a.id, b.id);

/** The api's order for each sort (mentions.repository), for placing pushed mentions among loaded ones. */
export const COMPARE_MENTIONS: Record<QueueSort, Compare> = {
  urgency: (a, b) => (b.urgency?.score ?? -1) - (a.urgency?.score ?? -1) || byReceivedDesc(a, b),
  newest: byReceivedDesc,
  waiting: byReceivedAsc,
  sla: (a, b) => {
    const ad = a.sla.dueAt;
    const bd = b.sla.dueAt;
    if (ad === bd) return byString(a.id, b.id);
    if (ad === null) return 1;
    if (bd === null) return -1;
    return byString(ad, bd) || byString(a.id, b.id);
  },
};
