import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { holdUnsaved } from '../unsaved';

/**
 * While `dirty`, leaving the page (a link, the back button, closing the tab) asks the
 * user first. Every form with something to lose calls it.
 */
export function useUnsavedChanges(dirty: boolean): void {
  const { t } = useI18n();
  const message = t('unsaved.confirm');
  useEffect(() => (dirty ? holdUnsaved(message) : undefined), [dirty, message]);
}

/**
 * The common case: a form becomes dirty on the first change the user makes in it
 * (`onChange` on the <form> sees every field's change as it bubbles) and clean again when
 * it is saved (`markSaved`), or when it unmounts.
 */
export function useUnsavedForm(): {
  dirty: boolean;
  onChange: () => void;
  markDirty: () => void;
  markSaved: () => void;
} {
  const [dirty, setDirty] = useState(false);
  useUnsavedChanges(dirty);
  const markDirty = useCallback(() => setDirty(true), []);
  const markSaved = useCallback(() => setDirty(false), []);
  return { dirty, onChange: markDirty, markDirty, markSaved };
}
