/**
 * SQL for a mention's SLA due time: when it was received plus the workspace's minutes for its
 * urgency level (an unknown level counts as low). One expression for ingest, which sets it,
 * and SlaService, which recomputes it when the targets change.
 */
export function slaDueSql(receivedAt: string, urgencyLevel: string, targetsJson: string): string {
  return `${receivedAt} + make_interval(mins => (${targetsJson} ->> (CASE WHEN ${urgencyLevel} IN ('critical', 'high', 'medium') THEN ${urgencyLevel} ELSE 'low' END))::int)`;
}
