import type { ReactNode } from 'react';
import type { PagesState } from '../hooks/usePages';
import { useI18n } from '../i18n/i18n';

/** Under a list loaded by pages: how many are shown, and "Load more" while there are more. */
export function PagesFooter({
  shown,
  pages,
  children,
}: {
  shown: string;
  pages: PagesState<unknown>;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const { cursor, loading, loadMore } = pages;
  return (
    <div className="grid-footer">
      <span className="muted" aria-live="polite">
        {shown}
      </span>
      {cursor && !loading ? (
        <button type="button" className="btn" onClick={() => loadMore(cursor)}>
          {t('followups.loadMore')}
        </button>
      ) : null}
      {children}
    </div>
  );
}
