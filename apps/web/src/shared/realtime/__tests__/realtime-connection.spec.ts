import { jest } from '@jest/globals';
import { FakeSocket, fakeSocketFactory } from '../../../test/fake-socket';
import { buildMention } from '../../../test/factories';
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
    connection.close();
    expect(connection.status).toBe('offline');
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
