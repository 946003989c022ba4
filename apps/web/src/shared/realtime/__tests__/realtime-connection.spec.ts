import { jest } from '@jest/globals';
import { FakeSocket, fakeSocketFactory } from '../../../test/fake-socket';
import { buildMention } from '../../../test/factories';
import { closeRealtimeConnections } from '../open-connections';
import { RealtimeConnection } from '../realtime-connection';

describe('RealtimeConnection', () => {
  it('tracks connecting → connected → reconnecting → offline and tells listeners about every connect', () => {
    const socket = new FakeSocket();
    const connection = new RealtimeConnection(fakeSocketFactory(socket)());
    const connects = jest.fn();
    connection.onConnect(connects);
    expect(connection.status).toBe('connecting');
    connection.open();
    socket.serverConnect();
    expect(connection.status).toBe('connected');
    socket.serverDrop();
    expect(connection.status).toBe('reconnecting');
    socket.serverConnect();
    expect(connects).toHaveBeenCalledTimes(2);
    void connection.close();
    expect(connection.status).toBe('offline');
  });

  it('tells server-close listeners only when the server closed the socket, not on a drop', () => {
    const socket = new FakeSocket();
    const connection = new RealtimeConnection(fakeSocketFactory(socket)());
    const closed = jest.fn();
    connection.onServerClose(closed);
    connection.open();
    socket.serverConnect();
    socket.serverDrop();
    expect(closed).not.toHaveBeenCalled();
    socket.serverConnect();
    socket.serverClose();
    expect(closed).toHaveBeenCalledTimes(1);
    expect(connection.status).toBe('offline');
  });

  it('tells server-close listeners when the server refuses a reconnect (an ended session)', () => {
    const socket = new FakeSocket();
    const connection = new RealtimeConnection(fakeSocketFactory(socket)());
    const closed = jest.fn();
    connection.onServerClose(closed);
    connection.open();
    socket.serverConnect();
    socket.serverDrop();
    expect(closed).not.toHaveBeenCalled();
    socket.serverRefuse();
    expect(closed).toHaveBeenCalledTimes(1);
    expect(connection.status).toBe('offline');
  });

  it('closeRealtimeConnections closes every open connection (sign-out calls it before ending the session)', async () => {
    const sockets = [new FakeSocket(), new FakeSocket()];
    const connections = sockets.map((s) => new RealtimeConnection(fakeSocketFactory(s)()));
    for (const c of connections) c.open();
    sockets.forEach((s) => s.serverConnect());
    await closeRealtimeConnections();
    expect(sockets.map((s) => s.active)).toEqual([false, false]);
    expect(connections.map((c) => c.status)).toEqual(['offline', 'offline']);
  });

  it('hands listeners parsed payloads and drops ones that break the contract', () => {
    const socket = new FakeSocket();
    const invalid = jest.fn();
    const connection = new RealtimeConnection(fakeSocketFactory(socket)(), invalid);
    const created = jest.fn();
    connection.on('mention.created', created);
    const mention = buildMention();
    socket.serverEmit('mention.created', { seq: 3, mention });
    socket.serverEmit('mention.created', { seq: 'x', mention });
    socket.serverEmit('mention.created', { seq: 4, mention: { ...mention, text: 42 } });
    expect(created).toHaveBeenCalledTimes(1);
    expect(created).toHaveBeenCalledWith({ seq: 3, mention });
    expect(invalid).toHaveBeenCalledTimes(2);
  });

  it('emits client events only while connected, validated by their schema', () => {
    const socket = new FakeSocket();
    const connection = new RealtimeConnection(fakeSocketFactory(socket)());
    connection.emit('presence.viewing', { mentionId: null });
    expect(socket.emitted).toEqual([]);
    connection.open();
    socket.serverConnect();
    connection.emit('presence.viewing', { mentionId: '00000000-0000-4000-8000-000000000001' });
    expect(socket.emitted).toEqual([{ event: 'presence.viewing', payload: { mentionId: '00000000-0000-4000-8000-000000000001' } }]);
  });
});
