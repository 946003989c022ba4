import type { EntityManager } from 'typeorm';

/**
 * THE change-sequence rule, as SQL: takes `count` numbers from the workspace's change sequence
 * and returns the number before the first one as `base` (the rows get base + 1 … base + count).
 * The UPDATE locks the workspace row until commit, so two transactions of one workspace commit
 * in the order of their numbers: a client that has everything up to N and asks for "after N"
 * can never miss a change that commits late. `when` adds a condition (ingest's fence),
 * `returning` more output columns. Used by `takeChangeSeqs` and by ingest's page statement.
 */
export function takeChangeSeqsSql(workspaceId: string, count: string, opts: { when?: string; returning?: string } = {}): string {
  const when = opts.when ? ` AND ${opts.when}` : '';
  const returning = opts.returning ? `, ${opts.returning}` : '';
  return `UPDATE workspace SET change_seq = change_seq + ${count} WHERE id = ${workspaceId}${when} RETURNING change_seq - ${count} AS base${returning}`;
}

/** The workspace's committed change sequence: every change committed so far has a number up to it. */
export async function currentChangeSeq(m: EntityManager, workspaceId: string): Promise<number> {
  const rows = (await m.query(`SELECT change_seq FROM workspace WHERE id = $1`, [workspaceId])) as Array<{ change_seq: string }>;
  return Number(rows[0]?.change_seq ?? 0);
}

/**
 * Takes `count` numbers from the workspace's change sequence inside the caller's
 * transaction and returns the first one (see takeChangeSeqsSql). Call it as late in the
 * transaction as possible (the lock serialises the workspace).
 */
export async function takeChangeSeqs(tx: EntityManager, workspaceId: string, count: number): Promise<number> {
  const res = await tx.queryRunner!.query(takeChangeSeqsSql('$1', '$2'), [workspaceId, count], true);
  const row = (res.records as Array<{ base: string }>)[0];
  if (!row) throw new Error(`workspace ${workspaceId} does not exist`);
  return Number(row.base) + 1;
}

/**
 * Gives each of `ids` (already locked by the caller) the next change sequence number, with
 * optional extra SET clauses: `$1` is the workspace id, `$2` the ids, `params` follow from
 * `$3`. Returns the ids changed.
 */
export async function touchMentions(tx: EntityManager, workspaceId: string, ids: string[], extraSet = '', params: unknown[] = []): Promise<string[]> {
  if (ids.length === 0) return [];
  const first = await takeChangeSeqs(tx, workspaceId, ids.length);
  const sorted = [...ids].sort();
  const res = await tx.queryRunner!.query(
    `UPDATE mention m SET change_seq = $${params.length + 3}::bigint + s.ord - 1, updated_at = now() ${extraSet}
       FROM unnest($2::uuid[]) WITH ORDINALITY AS s(id, ord)
      WHERE m.workspace_id = $1 AND m.id = s.id
      RETURNING m.id`,
    [workspaceId, sorted, ...params, first],
    true,
  );
  return (res.records as Array<{ id: string }>).map((r) => r.id);
}
