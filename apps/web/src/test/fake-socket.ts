import { act } from '@testing-library/react';
import type { InboxSocket, SocketFactory } from '../shared/realtime/inbox-socket';

type Listener = (...args: unknown[]) => void;

/**
 * A stand-in for the socket.io client: records what the dashboard emits and lets a test
 * play the server (connect, drop, push events). Payloads are sent as given, so a test can
 * also push malformed ones.
 */
export class FakeSocket {
  connected = false;
  active = false;
  readonly emitted: Array<{ event: string; payload: unknown }> = [];
  private readonly listeners = new Map<string, Set<Listener>>();

  on(event: string, listener: Listener): this {
    const set = this.listeners.get(event) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(event, set);
    return this;
  }

  off(event: string, listener: Listener): this {
    this.listeners.get(event)?.delete(listener);
    return this;
  }

  emit(event: string, payload: unknown): this {
    this.emitted.push({ event, payload });
    return this;
  }

  /** The dashboard asked to connect; the test decides when the server answers. */
  connect(): this {
    this.active = true;
    return this;
  }

  disconnect(): this {
    this.active = false;
    this.connected = false;
    return this;
  }

  /** The server accepted the handshake. */
  serverConnect(): void {
    act(() => {
      this.connected = true;
      this.fire('connect');
    });
  }

  /** The transport dropped; socket.io would now retry. */
  serverDrop(): void {
    act(() => {
      this.connected = false;
      this.fire('disconnect', 'transport close');
    });
  }

  /** The server closed the socket (its session ended); socket.io does not retry after this. */
  serverClose(): void {
    act(() => {
      this.connected = false;
      this.active = false;
      this.fire('disconnect', 'io server disconnect');
    });
  }

  /** The server's handshake check refused the socket (as for an ended session); socket.io gives up. */
  serverRefuse(message = 'unauthenticated'): void {
    act(() => {
      this.connected = false;
      this.active = false;
      this.fire('connect_error', Object.assign(new Error(message), { data: { message } }));
    });
  }

  serverEmit(event: string, payload: unknown): void {
    act(() => {
      this.fire(event, payload);
    });
  }

  emittedOf(event: string): unknown[] {
    return this.emitted.filter((e) => e.event === event).map((e) => e.payload);
  }

  private fire(event: string, ...args: unknown[]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(...args);
  }
}

/** A factory for the realtime context that always hands out `socket`. */
export function fakeSocketFactory(socket: FakeSocket): SocketFactory {
  return () => socket as unknown as InboxSocket;
}
