import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A uuid-shaped text (other audit target ids never name a mention; a bad value must not fail a write). */
const UUID_RE = `'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'`;

/** The open statuses (contracts' OPEN_STATUSES): a change to one of them after a resolution is a reopening. */
const OPEN = `('new', 'open', 'pending')`;

/** Audit events that carry a mention's status history. */
const STATUS_EVENT = `a.action IN ('mention.updated', 'mention.bulk_updated') AND a.data ? 'status'`;

/**
 * Team performance at a million mentions (GET /api/analytics/team): the team's work on each mention,
 * kept on the mention row so that a range's figures (and the hourly rollup of them) are a pass over its
 * mentions instead of a join with every reply and status change of the range.
 *
 * - `sent_reply_authors`: the authors of the mention's sent replies, first sent first (sent_at, then
 *   reply id); the first is the mention's first replier (its owner in team performance).
 * - `first_reply_resolved_at`: the earliest sent_at of a sent reply that resolved it (send and resolve).
 * - `first_status_resolved_at` / `last_status_open_at`: the earliest change to `resolved` and the latest
 *   change to an open status in the audit log (`mention.updated` / `mention.bulk_updated` events with a
 *   `status`; a bulk event names its mentions in `data.ids`, any other names its one mention in targetId).
 *
 * Kept by triggers in the statement that writes the reply or the audit event, whichever code (or SQL)
 * writes it: a reply's columns are recomputed from the mention's sent replies; an audit insert moves
 * the two times (the log is append-only), an update or delete of audit events recomputes them from the
 * log. A partial covering index finds a range's mentions with a sent reply (replies per person,
 * sentiment recovery).
 */
export class MentionTeamWork1796580000000 implements MigrationInterface {
  name = 'MentionTeamWork1796580000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "mention" ADD "sent_reply_authors" uuid array, ADD "first_reply_resolved_at" TIMESTAMP WITH TIME ZONE, ADD "first_status_resolved_at" TIMESTAMP WITH TIME ZONE, ADD "last_status_open_at" TIMESTAMP WITH TIME ZONE`,
    );

    // The mentions a status audit event names (null for a name that is not a uuid).
    await queryRunner.query(`
      CREATE FUNCTION mention_status_event_ids(target_id varchar, data jsonb) RETURNS SETOF uuid LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE WHEN l.x ~* ${UUID_RE} THEN l.x::uuid END
          FROM (SELECT COALESCE(e.id, target_id) AS x
                  FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(data->'ids') = 'array' THEN data->'ids' END) e(id)
                UNION ALL
                SELECT target_id
                 WHERE CASE WHEN jsonb_typeof(data->'ids') = 'array' THEN jsonb_array_length(data->'ids') = 0 ELSE true END) l
      $$`);

    // Recomputes the reply columns of these mentions (pairs of workspace id and mention id) from their sent replies.
    await queryRunner.query(`
      CREATE FUNCTION mention_sent_replies_refresh(ws uuid[], ids uuid[]) RETURNS void LANGUAGE sql AS $$
        UPDATE mention m SET sent_reply_authors = w.authors, first_reply_resolved_at = w.resolved
          FROM (SELECT DISTINCT t.ws, t.id FROM unnest(ws, ids) t(ws, id) WHERE t.id IS NOT NULL) t
         CROSS JOIN LATERAL (
           SELECT array_agg(r.author_user_id ORDER BY r.sent_at NULLS LAST, r.id) AS authors,
                  min(r.sent_at) FILTER (WHERE r.resolve_on_send) AS resolved
             FROM reply r
            WHERE r.workspace_id = t.ws AND r.mention_id = t.id AND r.status = 'sent') w
         WHERE m.workspace_id = t.ws AND m.id = t.id
           AND (m.sent_reply_authors IS DISTINCT FROM w.authors OR m.first_reply_resolved_at IS DISTINCT FROM w.resolved)
      $$`);

    // Recomputes the status columns of these mentions from the audit log (one pass over their workspaces' status events).
    await queryRunner.query(`
      CREATE FUNCTION mention_status_history_refresh(ws uuid[], ids uuid[]) RETURNS void LANGUAGE sql AS $$
        UPDATE mention m SET first_status_resolved_at = h.resolved, last_status_open_at = h.opened
          FROM (SELECT t.ws, t.id, x.resolved, x.opened
                  FROM (SELECT DISTINCT t.ws, t.id FROM unnest(ws, ids) t(ws, id) WHERE t.id IS NOT NULL) t
                  LEFT JOIN (
                    SELECT a.workspace_id, i.id,
                           min(a.created_at) FILTER (WHERE a.data->>'status' = 'resolved') AS resolved,
                           max(a.created_at) FILTER (WHERE a.data->>'status' IN ${OPEN}) AS opened
                      FROM audit_event a CROSS JOIN LATERAL mention_status_event_ids(a.target_id, a.data) i(id)
                     WHERE a.workspace_id = ANY(ws) AND ${STATUS_EVENT} AND i.id IS NOT NULL
                     GROUP BY 1, 2) x ON x.workspace_id = t.ws AND x.id = t.id) h
         WHERE m.workspace_id = h.ws AND m.id = h.id
           AND (m.first_status_resolved_at IS DISTINCT FROM h.resolved OR m.last_status_open_at IS DISTINCT FROM h.opened)
      $$`);

    await queryRunner.query(`
      CREATE FUNCTION reply_sent_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM mention_sent_replies_refresh(array_agg(n.workspace_id), array_agg(n.mention_id))
             FROM new_rows n WHERE n.status = 'sent' AND n.mention_id IS NOT NULL HAVING count(*) > 0;
        ELSIF TG_OP = 'UPDATE' THEN
          PERFORM mention_sent_replies_refresh(array_agg(x.ws), array_agg(x.id))
             FROM old_rows o JOIN new_rows n ON n.id = o.id
            CROSS JOIN LATERAL (VALUES (o.workspace_id, o.mention_id), (n.workspace_id, n.mention_id)) x(ws, id)
            WHERE (o.status = 'sent' OR n.status = 'sent') AND x.id IS NOT NULL
              AND (o.status, o.sent_at, o.author_user_id, o.resolve_on_send, o.mention_id, o.workspace_id)
                  IS DISTINCT FROM (n.status, n.sent_at, n.author_user_id, n.resolve_on_send, n.mention_id, n.workspace_id)
           HAVING count(*) > 0;
        ELSE
          PERFORM mention_sent_replies_refresh(array_agg(o.workspace_id), array_agg(o.mention_id))
             FROM old_rows o WHERE o.status = 'sent' AND o.mention_id IS NOT NULL HAVING count(*) > 0;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER reply_sent_insert AFTER INSERT ON reply REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reply_sent_changed()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER reply_sent_update AFTER UPDATE ON reply REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reply_sent_changed()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER reply_sent_delete AFTER DELETE ON reply REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION reply_sent_changed()`,
    );

    await queryRunner.query(`
      CREATE FUNCTION audit_status_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          UPDATE mention m SET first_status_resolved_at = LEAST(m.first_status_resolved_at, x.resolved),
                               last_status_open_at = GREATEST(m.last_status_open_at, x.opened)
            FROM (SELECT a.workspace_id, i.id,
                         min(a.created_at) FILTER (WHERE a.data->>'status' = 'resolved') AS resolved,
                         max(a.created_at) FILTER (WHERE a.data->>'status' IN ${OPEN}) AS opened
                    FROM new_rows a CROSS JOIN LATERAL mention_status_event_ids(a.target_id, a.data) i(id)
                   WHERE ${STATUS_EVENT} AND a.workspace_id IS NOT NULL AND i.id IS NOT NULL
                   GROUP BY 1, 2) x
           WHERE m.workspace_id = x.workspace_id AND m.id = x.id
             AND (m.first_status_resolved_at IS DISTINCT FROM LEAST(m.first_status_resolved_at, x.resolved)
                  OR m.last_status_open_at IS DISTINCT FROM GREATEST(m.last_status_open_at, x.opened));
        ELSIF TG_OP = 'UPDATE' THEN
          PERFORM mention_status_history_refresh(array_agg(e.workspace_id), array_agg(i.id))
             FROM (SELECT * FROM old_rows UNION ALL SELECT * FROM new_rows) e
            CROSS JOIN LATERAL mention_status_event_ids(e.target_id, e.data) i(id)
            WHERE e.action IN ('mention.updated', 'mention.bulk_updated') AND e.data ? 'status' AND e.workspace_id IS NOT NULL
           HAVING count(*) > 0;
        ELSE
          PERFORM mention_status_history_refresh(array_agg(e.workspace_id), array_agg(i.id))
             FROM old_rows e CROSS JOIN LATERAL mention_status_event_ids(e.target_id, e.data) i(id)
            WHERE e.action IN ('mention.updated', 'mention.bulk_updated') AND e.data ? 'status' AND e.workspace_id IS NOT NULL
           HAVING count(*) > 0;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER audit_status_insert AFTER INSERT ON audit_event REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_status_changed()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_status_update AFTER UPDATE ON audit_event REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_status_changed()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_status_delete AFTER DELETE ON audit_event REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_status_changed()`,
    );

    // The history so far.
    await queryRunner.query(
      `SELECT mention_sent_replies_refresh(array_agg(r.workspace_id), array_agg(r.mention_id)) FROM reply r WHERE r.status = 'sent' AND r.mention_id IS NOT NULL`,
    );
    await queryRunner.query(
      `SELECT mention_status_history_refresh(array_agg(a.workspace_id), array_agg(i.id))
         FROM audit_event a CROSS JOIN LATERAL mention_status_event_ids(a.target_id, a.data) i(id)
        WHERE ${STATUS_EVENT} AND a.workspace_id IS NOT NULL`,
    );

    await queryRunner.query(
      `CREATE INDEX "mention_team_replied_idx" ON "mention" ("workspace_id", "posted_at") INCLUDE ("spam", "author_id", "first_response_at", "id", "sent_reply_authors") WHERE "sent_reply_authors" IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."mention_team_replied_idx"`);
    for (const t of ['audit_status_insert', 'audit_status_update', 'audit_status_delete']) await queryRunner.query(`DROP TRIGGER ${t} ON audit_event`);
    for (const t of ['reply_sent_insert', 'reply_sent_update', 'reply_sent_delete']) await queryRunner.query(`DROP TRIGGER ${t} ON reply`);
    await queryRunner.query(`DROP FUNCTION audit_status_changed()`);
    await queryRunner.query(`DROP FUNCTION reply_sent_changed()`);
    await queryRunner.query(`DROP FUNCTION mention_status_history_refresh(uuid[], uuid[])`);
    await queryRunner.query(`DROP FUNCTION mention_sent_replies_refresh(uuid[], uuid[])`);
    await queryRunner.query(`DROP FUNCTION mention_status_event_ids(varchar, jsonb)`);
    await queryRunner.query(
      `ALTER TABLE "mention" DROP COLUMN "last_status_open_at", DROP COLUMN "first_status_resolved_at", DROP COLUMN "first_reply_resolved_at", DROP COLUMN "sent_reply_authors"`,
    );
  }
}
