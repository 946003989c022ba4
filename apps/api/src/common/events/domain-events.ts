import { Injectable, Logger } from '@nestjs/common';
import type { AlertEvent, UserRef } from '@earshot/contracts';

/** What happened to mentions, after the transaction that did it committed. */
export interface MentionsChanged {
  workspaceId: string;
  ids: string[];
  kind: 'created' | 'updated' | 'claimed' | 'sla.breached';
  /** For `claimed`: who claimed (null when released) and whom they took it from. */
  by?: UserRef | null;
  takenOverFrom?: UserRef | null;
}

export interface DomainEventMap {
  'mentions.changed': MentionsChanged;
  /** A reply changed status (created, decided, sent…), after the transaction that changed it and its mention committed. */
  'reply.changed': { workspaceId: string; mentionId: string; replyId: string };
  /** An alert was raised or cleared (never for historical ones), after the transaction that stored it committed. */
  'alert.changed': { workspaceId: string; kind: 'raised' | 'cleared'; alert: AlertEvent };
  /** Sessions ended (logout, deactivation, password change): their sockets must close. */
  'sessions.ended': { sessionIds?: string[]; userId?: string; keepSessionId?: string | null };
}

type Listener<E extends keyof DomainEventMap> = (event: DomainEventMap[E]) => void | Promise<void>;

/**
 * In-process domain events, emitted only after commit (never from inside a transaction that
 * may still roll back). Listeners (realtime push, later alerts) run detached: a failing
 * listener is logged and never fails the change that raised the event.
 */
@Injectable()
export class DomainEvents {
  private readonly logger = new Logger('DomainEvents');
  private readonly listeners = new Map<keyof DomainEventMap, Array<Listener<keyof DomainEventMap>>>();

  on<E extends keyof DomainEventMap>(name: E, listener: Listener<E>): () => void {
    const list = this.listeners.get(name) ?? [];
    list.push(listener as Listener<keyof DomainEventMap>);
    this.listeners.set(name, list);
    return () => {
      const i = list.indexOf(listener as Listener<keyof DomainEventMap>);
      if (i >= 0) list.splice(i, 1);
    };
  }

  emit<E extends keyof DomainEventMap>(name: E, event: DomainEventMap[E]): void {
    for (const listener of this.listeners.get(name) ?? []) {
      try {
        const out = listener(event);
        if (out instanceof Promise) out.catch((e: unknown) => this.logger.error(`${name} listener failed: ${String(e)}`));
      } catch (e) {
        this.logger.error(`${name} listener failed: ${String(e)}`);
      }
    }
  }
}
