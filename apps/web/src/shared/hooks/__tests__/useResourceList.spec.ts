import { jest } from '@jest/globals';
import { act, renderHook } from '@testing-library/react';
import { ApiRequestError } from '../../http';
import { upsertById, useResourceList } from '../useResourceList';

type Item = { id: string; name: string };

/** A load function whose answers the test hands out one at a time. */
function controlledLoad() {
  const pending: { resolve: (items: Item[]) => void; reject: (error: unknown) => void; signal: AbortSignal }[] = [];
  const load = jest.fn(
    (signal: AbortSignal) =>
      new Promise<Item[]>((resolve, reject) => {
        pending.push({ resolve, reject, signal });
      }),
  );
  return {
    load,
    pending,
    /** Settles the oldest unanswered call. */
    async answer(result: Item[] | Error) {
      const call = pending.shift();
      if (!call) throw new Error('no load is waiting for an answer');
      await act(async () => {
        if (result instanceof Error) call.reject(result);
        else call.resolve(result);
        await Promise.resolve();
      });
    },
  };
}

const ann = { id: 'a', name: 'Ann' };
const bob = { id: 'b', name: 'Bob' };
const options = { failureMessage: 'The list could not be loaded.' };

describe('upsertById', () => {
  it('replaces the item with the same id in place, or adds it at the end', () => {
    expect(upsertById([ann, bob], { id: 'a', name: 'Anna' })).toEqual([{ id: 'a', name: 'Anna' }, bob]);
    expect(upsertById([ann], bob)).toEqual([ann, bob]);
  });
});

describe('useResourceList', () => {
  it('is loading until the list arrives, then ready with it', async () => {
    const api = controlledLoad();
    const { result } = renderHook(() => useResourceList(api.load, options));
    expect(result.current.state).toEqual({ status: 'loading' });

    await api.answer([ann, bob]);
    expect(result.current.state).toEqual({ status: 'ready', items: [ann, bob], stale: false });
    expect(api.load).toHaveBeenCalledTimes(1);
  });

  it("shows the api's own message when it refused, and the fallback for anything else", async () => {
    const api = controlledLoad();
    const { result } = renderHook(() => useResourceList(api.load, options));
    await api.answer(new ApiRequestError({ statusCode: 403, error: 'Forbidden', message: 'Only admins see this.' }));
    expect(result.current.state).toEqual({ status: 'error', message: 'Only admins see this.' });

    act(() => result.current.reload());
    await api.answer(new TypeError('Failed to fetch'));
    expect(result.current.state).toEqual({ status: 'error', message: 'The list could not be loaded.' });
  });

  it('reload shows loading again and fetches the list again', async () => {
    const api = controlledLoad();
    const { result } = renderHook(() => useResourceList(api.load, options));
    await api.answer([ann]);

    act(() => result.current.reload());
    expect(result.current.state).toEqual({ status: 'loading' });
    expect(api.load).toHaveBeenCalledTimes(2);
    await api.answer([ann, bob]);
    expect(result.current.state).toEqual({ status: 'ready', items: [ann, bob], stale: false });
  });

  it('upsert replaces by id or appends, remove drops by id, change edits the list', async () => {
    const api = controlledLoad();
    const { result } = renderHook(() => useResourceList(api.load, options));
    await api.answer([ann, bob]);

    act(() => result.current.upsert({ id: 'a', name: 'Anna' }));
    act(() => result.current.upsert({ id: 'c', name: 'Cy' }));
    expect(result.current.state).toMatchObject({ items: [{ id: 'a', name: 'Anna' }, bob, { id: 'c', name: 'Cy' }] });

    act(() => result.current.remove('b'));
    expect(result.current.state).toMatchObject({ items: [{ name: 'Anna' }, { name: 'Cy' }] });

    act(() => result.current.change((items) => items.filter((i) => i.name.startsWith('C'))));
    expect(result.current.state).toMatchObject({ status: 'ready', items: [{ name: 'Cy' }] });
  });

  it('ignores changes before the list is loaded, and still shows the list when it arrives', async () => {
    const api = controlledLoad();
    const { result } = renderHook(() => useResourceList(api.load, options));
    act(() => result.current.upsert(bob));
    expect(result.current.state).toEqual({ status: 'loading' });
    await api.answer([ann]);
    expect(result.current.state).toEqual({ status: 'ready', items: [ann], stale: false });
  });

  it('aborts the request in flight when the component unmounts, and does not fetch again', async () => {
    const api = controlledLoad();
    const { unmount } = renderHook(() => useResourceList(api.load, options));
    const { signal } = api.pending[0]!;
    expect(signal.aborted).toBe(false);
    unmount();
    expect(signal.aborted).toBe(true);
    expect(api.load).toHaveBeenCalledTimes(1);
  });

  describe('with refreshMs', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('fetches again after each answer; a failed refresh keeps the list and marks it stale', async () => {
      const api = controlledLoad();
      const { result, unmount } = renderHook(() => useResourceList(api.load, { ...options, refreshMs: 1000 }));
      await api.answer([ann]);

      await act(() => jest.advanceTimersByTimeAsync(999));
      expect(api.load).toHaveBeenCalledTimes(1);
      await act(() => jest.advanceTimersByTimeAsync(1));
      expect(api.load).toHaveBeenCalledTimes(2);
      await api.answer(new TypeError('Failed to fetch'));
      expect(result.current.state).toEqual({ status: 'ready', items: [ann], stale: true });

      await act(() => jest.advanceTimersByTimeAsync(1000));
      await api.answer([ann, bob]);
      expect(result.current.state).toEqual({ status: 'ready', items: [ann, bob], stale: false });

      unmount();
      await act(() => jest.advanceTimersByTimeAsync(5000));
      expect(api.load).toHaveBeenCalledTimes(3);
    });

    it('a refresh that started before a local change does not undo it', async () => {
      const api = controlledLoad();
      const { result, unmount } = renderHook(() => useResourceList(api.load, { ...options, refreshMs: 1000 }));
      await api.answer([ann]);
      await act(() => jest.advanceTimersByTimeAsync(1000));

      act(() => result.current.upsert(bob)); // while the refresh is on its way
      await api.answer([ann]);
      expect(result.current.state).toMatchObject({ items: [ann, bob] });

      await act(() => jest.advanceTimersByTimeAsync(1000));
      await api.answer([ann, bob, { id: 'c', name: 'Cy' }]);
      expect(result.current.state).toMatchObject({ items: [ann, bob, { id: 'c' }] });
      unmount();
    });
  });

  it('without refreshMs it never fetches on its own', async () => {
    jest.useFakeTimers();
    try {
      const api = controlledLoad();
      const { unmount } = renderHook(() => useResourceList(api.load, options));
      await api.answer([ann]);
      await act(() => jest.advanceTimersByTimeAsync(60_000));
      expect(api.load).toHaveBeenCalledTimes(1);
      unmount();
    } finally {
      jest.useRealTimers();
    }
  });
});
