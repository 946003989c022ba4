import { z } from 'zod';
import { AlertEventSchema } from '../analytics/alerts.schema.js';
import { RoleSchema } from '../auth/role.schema.js';
import { ReplySchema } from '../replies/reply.schema.js';
import { MentionSchema, UserRefSchema } from './mention.schema.js';

/**
 * Socket events. The socket nudges; REST is the truth: every event that changes a mention
 * carries the workspace's change sequence number `seq` and the mention as it now is. A
 * client remembers the highest `seq` it applied and, after a reconnect, reads
 * `GET /api/mentions/changes?since=seq` until `hasMore` is false.
 */
const MentionChange = z.object({ seq: z.number().int(), mention: MentionSchema });

export const SERVER_EVENT_SCHEMAS = {
  'mention.created': MentionChange,
  'mention.updated': MentionChange,
  /** Claimed, taken over or released (`mention.claim` is null when released). */
  'mention.claimed': MentionChange.extend({ by: UserRefSchema.nullable(), takenOverFrom: UserRefSchema.nullable() }),
  'sla.breached': MentionChange,
  /** A reply changed status (created, approved, rejected, sent…); the mention's reply summary changed with it. */
  'reply.updated': MentionChange.extend({ reply: ReplySchema }),
  /** Everyone of the workspace who is connected, and the mention each one has open. */
  'presence.changed': z.object({
    users: z.array(z.object({ user: UserRefSchema, role: RoleSchema, viewing: z.uuid().nullable() })),
  }),
  /** An alert was raised (not for historical ones found while a rule replays the past): the alert as `GET /api/alerts/:id` returns it. */
  'alert.raised': AlertEventSchema,
  /** A raised alert cleared (the surge is over). */
  'alert.cleared': AlertEventSchema,
} as const;

export type ServerEventName = keyof typeof SERVER_EVENT_SCHEMAS;
export type ServerEventPayload<E extends ServerEventName> = z.infer<(typeof SERVER_EVENT_SCHEMAS)[E]>;
/** socket.io's server-to-client map, derived from the schemas: a wrong name or payload does not compile. */
export type ServerToClientEvents = { [E in ServerEventName]: (payload: ServerEventPayload<E>) => void };

export const CLIENT_EVENT_SCHEMAS = {
  /** Which mention this client has open (null: none); shown to the team as presence. */
  'presence.viewing': z.strictObject({ mentionId: z.uuid().nullable() }),
} as const;
export type ClientEventName = keyof typeof CLIENT_EVENT_SCHEMAS;
export type ClientEventPayload<E extends ClientEventName> = z.infer<(typeof CLIENT_EVENT_SCHEMAS)[E]>;
export type ClientToServerEvents = { [E in ClientEventName]: (payload: ClientEventPayload<E>) => void };

/** Why the server closed a socket, sent as `connect_error` / disconnect reason data. */
export const SOCKET_ERRORS = {
  unauthenticated: 'Sign in again: the session is missing, expired or ended.',
  forbiddenOrigin: 'This origin may not connect.',
} as const;
