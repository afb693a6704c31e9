// A fake EventSource (happy-dom has none) and a fake Notification API for tests: the
// test opens, feeds and breaks the stream by hand.
import { act } from '@testing-library/react';
import { vi } from 'vitest';

type Listener = (ev: MessageEvent) => void;

export class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static instances: FakeEventSource[] = [];

  readonly url: string;
  readyState = FakeEventSource.CONNECTING;
  onopen: ((ev: Event) => void) | null = null;
  onerror: ((ev: Event) => void) | null = null;
  onmessage: Listener | null = null;
  private listeners = new Map<string, Set<Listener>>();

  constructor(url: string) {
    this.url = url;
    FakeEventSource.instances.push(this);
  }

  addEventListener(type: string, fn: Listener): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(fn);
  }

  removeEventListener(type: string, fn: Listener): void {
    this.listeners.get(type)?.delete(fn);
  }

  close(): void {
    this.readyState = FakeEventSource.CLOSED;
  }

  get closed(): boolean {
    return this.readyState === FakeEventSource.CLOSED;
  }

  /** The server accepted the connection. */
  open(): void {
    act(() => {
      this.readyState = FakeEventSource.OPEN;
      this.onopen?.(new Event('open'));
    });
  }

  /** One named event with JSON data. */
  emit(type: string, data: unknown): void {
    act(() => {
      const ev = new MessageEvent(type, { data: typeof data === 'string' ? data : JSON.stringify(data) });
      for (const fn of this.listeners.get(type) ?? []) fn(ev);
    });
  }

  /** A dropped connection: `permanent` = the browser gave up (HTTP error), else it retries. */
  fail(permanent = true): void {
    act(() => {
      this.readyState = permanent ? FakeEventSource.CLOSED : FakeEventSource.CONNECTING;
      this.onerror?.(new Event('error'));
    });
  }

  static latest(): FakeEventSource {
    const last = FakeEventSource.instances[FakeEventSource.instances.length - 1];
    if (!last) throw new Error('no EventSource was opened');
    return last;
  }

  static open(): FakeEventSource[] {
    return FakeEventSource.instances.filter((s) => !s.closed);
  }
}

export function installFakeEventSource(): typeof FakeEventSource {
  FakeEventSource.instances = [];
  vi.stubGlobal('EventSource', FakeEventSource);
  return FakeEventSource;
}

export interface ShownNote {
  title: string;
  body?: string;
  tag?: string;
  instance: { onclick: (() => void) | null };
}

/** A Notification API whose permission the test sets; `shown` lists what was shown. */
export function installFakeNotification(
  permission: NotificationPermission = 'default',
  answer: NotificationPermission = 'granted',
) {
  const shown: ShownNote[] = [];
  class FakeNotification {
    static permission: NotificationPermission = permission;
    static requestPermission = vi.fn(async () => {
      FakeNotification.permission = answer;
      return answer;
    });
    onclick: (() => void) | null = null;
    constructor(title: string, opts: NotificationOptions = {}) {
      shown.push({ title, body: opts.body, tag: opts.tag, instance: this });
    }
    close(): void {}
  }
  vi.stubGlobal('Notification', FakeNotification);
  return { shown, FakeNotification };
}
