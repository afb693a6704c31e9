// The live events of the server (GET /api/v1/events, Server-Sent Events): one
// EventSource per signed-in app, closed on logout. The browser reconnects by itself
// after a dropped connection (the server says `retry: 5000`); when it gives up (an HTTP
// error such as 401 or 503 closes the stream for good) this hook opens a new one with a
// growing delay, after asking `onGiveUp` (the shell checks whether the session ended).
import { useEffect, useRef, useState } from 'react';

export type StreamStatus = 'connecting' | 'open' | 'unsupported' | 'off';

export type StreamHandlers = Record<string, (data: unknown) => void>;

export interface StreamOptions {
  /** Called when the browser closed the stream for good, before the next attempt. */
  onGiveUp?: () => void;
  /** First delay of a reconnection after a give-up, doubled up to `maxDelayMs`. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

export function eventSourceSupported(): boolean {
  return typeof EventSource !== 'undefined';
}

/** Parses an event's data: JSON when it is JSON, otherwise the text itself. */
export function parseEventData(raw: unknown): unknown {
  if (typeof raw !== 'string' || raw === '') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/**
 * Keeps an EventSource on `url` while it is not null, calling `handlers[name]` with the
 * parsed data of each event of that name. Returns the state of the connection.
 */
export function useEventStream(
  url: string | null,
  handlers: StreamHandlers,
  options: StreamOptions = {},
): StreamStatus {
  const supported = eventSourceSupported();
  const [status, setStatus] = useState<StreamStatus>(url === null ? 'off' : supported ? 'connecting' : 'unsupported');
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;
  const optionsRef = useRef(options);
  optionsRef.current = options;
  const names = Object.keys(handlers).sort().join(',');

  useEffect(() => {
    if (url === null) {
      setStatus('off');
      return;
    }
    if (!supported) {
      setStatus('unsupported');
      return;
    }
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    let failures = 0;

    const connect = () => {
      if (stopped) return;
      setStatus('connecting');
      const es = new EventSource(url);
      source = es;
      es.onopen = () => {
        failures = 0;
        setStatus('open');
      };
      es.onerror = () => {
        if (stopped || source !== es) return;
        if (es.readyState === EventSource.CLOSED) {
          es.close();
          source = null;
          setStatus('connecting');
          optionsRef.current.onGiveUp?.();
          const min = optionsRef.current.minDelayMs ?? 5_000;
          const max = optionsRef.current.maxDelayMs ?? 60_000;
          const delay = Math.min(max, min * 2 ** failures);
          failures++;
          timer = setTimeout(connect, delay);
        } else {
          // The browser retries by itself after the server's `retry:` delay.
          setStatus('connecting');
        }
      };
      for (const name of names.split(',').filter(Boolean)) {
        es.addEventListener(name, (ev) => {
          if (stopped || source !== es) return;
          handlersRef.current[name]?.(parseEventData((ev as MessageEvent).data));
        });
      }
    };

    connect();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      source?.close();
      source = null;
    };
  }, [url, supported, names]);

  return status;
}
