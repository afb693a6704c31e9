import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeEventSource, installFakeEventSource } from '../test/fakeEventSource';
import { parseEventData, useEventStream } from './events';

describe('useEventStream', () => {
  beforeEach(() => {
    installFakeEventSource();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('parses JSON data and keeps text as text', () => {
    expect(parseEventData('{"unread":2}')).toEqual({ unread: 2 });
    expect(parseEventData('hello')).toBe('hello');
  });

  it('calls the handler of each named event and reports the state', () => {
    const summary = vi.fn();
    const { result, rerender } = renderHook(({ url }) => useEventStream(url, { summary }), {
      initialProps: { url: '/api/v1/events' as string | null },
    });
    expect(result.current).toBe('connecting');
    const es = FakeEventSource.latest();
    es.open();
    expect(result.current).toBe('open');
    es.emit('summary', { unread: 3 });
    es.emit('other', { x: 1 });
    expect(summary).toHaveBeenCalledWith({ unread: 3 });
    expect(summary).toHaveBeenCalledTimes(1);
    rerender({ url: null });
    expect(es.closed).toBe(true);
    expect(result.current).toBe('off');
  });

  it('waits longer after each refused connection, up to the maximum', async () => {
    vi.useFakeTimers();
    const onGiveUp = vi.fn();
    renderHook(() => useEventStream('/e', { alert: () => {} }, { onGiveUp, minDelayMs: 1000, maxDelayMs: 3000 }));
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      const before = FakeEventSource.instances.length;
      FakeEventSource.latest().fail(true);
      let waited = 0;
      while (FakeEventSource.instances.length === before) {
        await act(async () => {
          await vi.advanceTimersByTimeAsync(500);
        });
        waited += 500;
      }
      delays.push(waited);
    }
    expect(delays).toEqual([1000, 2000, 3000, 3000]);
    expect(onGiveUp).toHaveBeenCalledTimes(4);
    // An open connection starts the delays again.
    FakeEventSource.latest().open();
    FakeEventSource.latest().fail(true);
    const before = FakeEventSource.instances.length;
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1000);
    });
    expect(FakeEventSource.instances.length).toBe(before + 1);
  });

  it('says when the browser has no EventSource', () => {
    vi.unstubAllGlobals();
    const { result } = renderHook(() => useEventStream('/e', {}));
    expect(result.current).toBe('unsupported');
  });
});
