// The browser's own notifications (Notification API), used only after the user asked for
// them with a click (browsers refuse the permission prompt without a user gesture) and
// only while the app is not in front: in front, the bell and the alert dialog say it.

export type BrowserPermission = 'default' | 'granted' | 'denied' | 'unsupported';

export function browserPermission(): BrowserPermission {
  if (typeof globalThis.Notification === 'undefined') return 'unsupported';
  return globalThis.Notification.permission as BrowserPermission;
}

/** Asks the browser for the permission; call it from a click handler. */
export async function requestBrowserPermission(): Promise<BrowserPermission> {
  if (browserPermission() === 'unsupported') return 'unsupported';
  try {
    return (await globalThis.Notification.requestPermission()) as BrowserPermission;
  } catch {
    return browserPermission();
  }
}

function appInFront(): boolean {
  if (document.visibilityState === 'hidden') return false;
  return typeof document.hasFocus === 'function' ? document.hasFocus() : true;
}

export interface BrowserNote {
  title: string;
  body: string;
  /** Same tag: the browser replaces the older notification instead of stacking them. */
  tag: string;
  lang?: string;
  onClick?: () => void;
}

/** Shows a browser notification when allowed and the app is not in front; true if shown. */
export function showBrowserNotification(note: BrowserNote, force = false): boolean {
  if (browserPermission() !== 'granted') return false;
  if (!force && appInFront()) return false;
  try {
    const n = new globalThis.Notification(note.title, { body: note.body, tag: note.tag, lang: note.lang });
    n.onclick = () => {
      window.focus();
      note.onClick?.();
      n.close();
    };
    return true;
  } catch {
    // Some mobile browsers only allow notifications from a service worker.
    return false;
  }
}
