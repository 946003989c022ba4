import { jest } from '@jest/globals';
import { act, renderHook } from '@testing-library/react';
import { mockApi, type MockApi } from '../../../test/mock-api';
import { buildSource } from '../../../test/factories';
import { SOURCES_REFRESH_MS, useSources } from '../hooks/useSources';

let api: MockApi;
beforeEach(() => {
  jest.useFakeTimers();
});
afterEach(() => {
  jest.useRealTimers();
  expect(api.unhandled).toEqual([]);
  api.restore();
});

describe('useSources', () => {
  it('fetches the list again every 10 seconds, and stops when the page is left', async () => {
    let status: 'idle' | 'ok' = 'idle';
    const source = buildSource();
    api = mockApi({ 'GET /api/sources': () => ({ status: 200, body: { items: [{ ...source, health: { ...source.health, status } }] } }) });

    const { result, unmount } = renderHook(() => useSources());
    await act(() => jest.advanceTimersByTimeAsync(0));
    expect(result.current.state).toMatchObject({ status: 'ready', sources: [{ health: { status: 'idle' } }] });

    status = 'ok';
    await act(() => jest.advanceTimersByTimeAsync(SOURCES_REFRESH_MS - 1));
    expect(api.callsTo('GET /api/sources')).toHaveLength(1);
    await act(() => jest.advanceTimersByTimeAsync(1));
    expect(api.callsTo('GET /api/sources')).toHaveLength(2);
    expect(result.current.state).toMatchObject({ status: 'ready', sources: [{ health: { status: 'ok' } }] });

    unmount();
    await act(() => jest.advanceTimersByTimeAsync(SOURCES_REFRESH_MS * 3));
    expect(api.callsTo('GET /api/sources')).toHaveLength(2);
  });

  it('keeps the last list when a refresh fails, and says it is stale', async () => {
    let fail = false;
    api = mockApi({
      'GET /api/sources': () =>
        fail
          ? { status: 503, body: { statusCode: 503, error: 'Service Unavailable', message: 'down' } }
          : { status: 200, body: { items: [buildSource({ name: 'Kept' })] } },
    });

    const { result, unmount } = renderHook(() => useSources());
    await act(() => jest.advanceTimersByTimeAsync(0));
    fail = true;
    await act(() => jest.advanceTimersByTimeAsync(SOURCES_REFRESH_MS));
    expect(result.current.state).toMatchObject({ status: 'ready', stale: true, sources: [{ name: 'Kept' }] });

    fail = false;
    await act(() => jest.advanceTimersByTimeAsync(SOURCES_REFRESH_MS));
    expect(result.current.state).toMatchObject({ status: 'ready', stale: false });
    unmount();
  });
});
