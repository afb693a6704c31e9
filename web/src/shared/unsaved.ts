// Forms with unsaved changes, so that leaving the page asks first: an in-app link, the
// browser's back button (see router.tsx) and closing or reloading the tab
// (beforeunload). Each form says whether it has changes with useUnsavedChanges; this
// module only counts them, so shared code and the router need no feature.

/** The question to ask, by form; the latest form's text wins (they are all the same). */
const dirtyForms = new Map<number, string>();
let nextId = 1;

function onBeforeUnload(e: BeforeUnloadEvent): void {
  // Browsers show their own text; preventDefault (and returnValue for older ones) asks.
  e.preventDefault();
  e.returnValue = '';
}

function sync(): void {
  if (dirtyForms.size) window.addEventListener('beforeunload', onBeforeUnload);
  else window.removeEventListener('beforeunload', onBeforeUnload);
}

/** Marks one form as changed until the returned function is called. */
export function holdUnsaved(message: string): () => void {
  const id = nextId++;
  dirtyForms.set(id, message);
  sync();
  return () => {
    dirtyForms.delete(id);
    sync();
  };
}

export function hasUnsavedChanges(): boolean {
  return dirtyForms.size > 0;
}

/**
 * True when the page may be left: nothing is unsaved, or the user agreed to discard it.
 * Agreeing forgets the changed forms, so the navigation that follows does not ask twice.
 */
export function confirmLeave(): boolean {
  if (!dirtyForms.size) return true;
  const message = Array.from(dirtyForms.values()).pop() ?? '';
  if (!window.confirm(message)) return false;
  dirtyForms.clear();
  sync();
  return true;
}
