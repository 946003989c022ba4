import { Inject, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { WebSocketGateway, WebSocketServer, type OnGatewayConnection, type OnGatewayDisconnect, type OnGatewayInit } from '@nestjs/websockets';
import { CLIENT_EVENT_SCHEMAS, SOCKET_ERRORS, type Role } from '@earshot/contracts';
import { DomainEvents } from '../../common/events/domain-events.js';
import { isAllowedOrigin } from '../../common/origin-check.middleware.js';
import { APP_CONFIG, type AppConfig } from '../../config/env.js';
import { AuthService } from '../auth/auth.service.js';
import { SessionsRepository } from '../auth/sessions.repository.js';
import { ClaimsService } from '../claims/claims.service.js';
import { readSocketToken } from './read-socket-token.util.js';
import { sessionRoom, userRoom, workspaceRoom, type InboxServer, type InboxSocket } from './socket-types.js';

/** Sessions of connected sockets are re-checked this often (expiry, deactivation, role change). */
export const SOCKET_RECHECK_MS = 30_000;

/**
 * The socket.io endpoint of the inbox. The handshake is authenticated in middleware (guards
 * do not run on connections) with the same session as REST and refused from foreign
 * origins; a socket joins only its own workspace's room, chosen by the server. Clients
 * cannot join rooms. Ended sessions have their sockets closed at once, and every socket's
 * session is re-checked periodically.
 */
@WebSocketGateway({ path: '/socket.io', serveClient: false, transports: ['websocket', 'polling'] })
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnApplicationShutdown {
  @WebSocketServer() server!: InboxServer;
  private readonly logger = new Logger('RealtimeGateway');
  private recheckTimer: NodeJS.Timeout | null = null;
  private readonly releaseTimers = new Map<string, NodeJS.Timeout>();
  /** How long a user may be gone (a page reload) before their claims are released. */
  releaseGraceMs = 10_000;
  private closing = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly auth: AuthService,
    private readonly sessions: SessionsRepository,
    private readonly claims: ClaimsService,
    private readonly events: DomainEvents,
  ) {}

  afterInit(server: InboxServer): void {
    // Origin is checked on every handshake request (polling and websocket upgrade alike).
    server.engine.opts.allowRequest = (req, callback) => {
      const origin = req.headers.origin;
      if (origin && !isAllowedOrigin(origin, req.headers.host, this.config.publicUrl)) return callback(SOCKET_ERRORS.forbiddenOrigin, false);
      callback(null, true);
    };
    server.use((socket, next) => {
      void this.authenticate(socket as InboxSocket).then(
        (ok) => next(ok ? undefined : Object.assign(new Error('unauthenticated'), { data: { message: SOCKET_ERRORS.unauthenticated } })),
        (e: unknown) => {
          this.logger.error(`socket handshake failed: ${String(e)}`);
          next(Object.assign(new Error('unauthenticated'), { data: { message: SOCKET_ERRORS.unauthenticated } }));
        },
      );
    });
    this.events.on('sessions.ended', async (e) => {
      if (e.sessionIds) for (const id of e.sessionIds) this.server.in(sessionRoom(id)).disconnectSockets(true);
      if (e.userId) {
        const sockets = await this.server.in(userRoom(e.userId)).fetchSockets();
        for (const s of sockets) if (s.data.sessionId !== e.keepSessionId) s.disconnect(true);
      }
    });
    this.recheckTimer = setInterval(() => void this.recheckSessions(), SOCKET_RECHECK_MS);
    this.recheckTimer.unref();
  }

  onApplicationShutdown(): void {
    // Sockets close after this hook: their disconnects must not broadcast through adapters being torn down.
    this.closing = true;
    if (this.recheckTimer) clearInterval(this.recheckTimer);
    for (const t of this.releaseTimers.values()) clearTimeout(t);
  }

  async handleConnection(socket: InboxSocket): Promise<void> {
    const d = socket.data;
    if (!d?.workspaceId) {
      socket.disconnect(true);
      return;
    }
    const pending = this.releaseTimers.get(d.userId);
    if (pending) {
      clearTimeout(pending);
      this.releaseTimers.delete(d.userId);
    }
    socket.on('presence.viewing', (payload: unknown) => {
      const parsed = CLIENT_EVENT_SCHEMAS['presence.viewing'].safeParse(payload);
      if (!parsed.success) return;
      socket.data.viewing = parsed.data.mentionId;
      void this.broadcastPresence(d.workspaceId);
    });
    await this.broadcastPresence(d.workspaceId);
  }

  async handleDisconnect(socket: InboxSocket): Promise<void> {
    const d = socket.data;
    if (!d?.workspaceId || this.closing) return;
    await this.broadcastPresence(d.workspaceId);
    // Their last socket closed: after a short grace (a reload reconnects), their claims lapse.
    const timer = setTimeout(() => {
      this.releaseTimers.delete(d.userId);
      void this.releaseIfGone(d.workspaceId, d.userId);
    }, this.releaseGraceMs);
    timer.unref();
    this.releaseTimers.set(d.userId, timer);
  }

  /**
   * Whether anyone may be listening to a workspace's room. Without the Redis adapter the
   * rooms are all local and the answer is exact; with it, other instances may hold sockets,
   * so the answer is always yes. A client that connects later catches up over REST.
   */
  mayHaveListeners(workspaceId: string): boolean {
    if (this.config.redisUrl) return true;
    return (this.server?.sockets.adapter.rooms.get(workspaceRoom(workspaceId))?.size ?? 0) > 0;
  }

  /** Current presence of a workspace, across instances (fetchSockets goes through the adapter). */
  async broadcastPresence(workspaceId: string): Promise<void> {
    try {
      const sockets = await this.server.in(workspaceRoom(workspaceId)).fetchSockets();
      const byUser = new Map<string, { user: { id: string; name: string }; role: Role; viewing: string | null }>();
      for (const s of sockets) {
        const prev = byUser.get(s.data.userId);
        byUser.set(s.data.userId, { user: { id: s.data.userId, name: s.data.name }, role: s.data.role, viewing: s.data.viewing ?? prev?.viewing ?? null });
      }
      if (this.closing) return;
      this.server.to(workspaceRoom(workspaceId)).emit('presence.changed', { users: [...byUser.values()] });
    } catch (e) {
      this.logger.warn(`presence update failed: ${String(e)}`);
    }
  }

  private async releaseIfGone(workspaceId: string, userId: string): Promise<void> {
    try {
      const still = await this.server.in(userRoom(userId)).fetchSockets();
      if (still.length > 0) return;
      await this.claims.releaseAllFor(workspaceId, userId);
    } catch (e) {
      this.logger.warn(`releasing claims failed: ${String(e)}`);
    }
  }

  private async authenticate(socket: InboxSocket): Promise<boolean> {
    const token = readSocketToken(socket.request, socket.handshake.auth);
    if (!token) return false;
    const active = await this.auth.resolve(token);
    // A user who must still replace a generated password gets no events (the REST routes answer 403).
    if (!active || active.user.mustChangePassword) return false;
    socket.data = {
      userId: active.user.id,
      name: active.user.name,
      workspaceId: active.user.workspaceId,
      role: active.user.role,
      sessionId: active.session.id,
      viewing: null,
    };
    await socket.join([workspaceRoom(active.user.workspaceId), sessionRoom(active.session.id), userRoom(active.user.id)]);
    return true;
  }

  /** Closes local sockets whose session ended or whose user was deactivated; refreshes roles and names. */
  async recheckSessions(): Promise<void> {
    try {
      const sockets = await this.server.local.fetchSockets();
      if (sockets.length === 0) return;
      const ids = [...new Set(sockets.map((s) => s.data.sessionId))];
      const live = new Map((await this.sessions.findActiveByIds(ids, new Date())).map((a) => [a.session.id, a.user]));
      for (const s of sockets) {
        const row = live.get(s.data.sessionId);
        if (!row) s.disconnect(true);
        else {
          s.data.role = row.role;
          s.data.name = row.name;
        }
      }
    } catch (e) {
      this.logger.warn(`session re-check failed: ${String(e)}`);
    }
  }
}
