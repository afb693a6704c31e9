// The bar over a list with picked follow-ups: how many, "select all N matching", and
// the three changes (reassign, move, close), each opening the dialog.
import { useState } from 'react';
import { useI18n } from '../../shared/i18n/i18n';
import type { FollowupSelection } from '../../shared/selection';
import type { BulkAction } from './api';
import { BulkDialog } from './BulkDialog';
import './bulk.css';

export function BulkBar({ selection }: { selection: FollowupSelection }) {
  const { t } = useI18n();
  const [action, setAction] = useState<BulkAction | null>(null);
  const count = selection.allMatching ? (selection.total ?? 0) : selection.ids.length;
  return (
    <div className="bulk-bar" role="region" aria-label={t('bulk.bar')}>
      <span className="bulk-count" aria-live="polite">
        {selection.allMatching ? t('bulk.allMatching', { count }) : t('bulk.picked', { count })}
      </span>
      {!selection.allMatching && selection.total !== null && selection.total > selection.ids.length ? (
        <button type="button" className="btn btn-link" onClick={selection.selectAllMatching}>
          {t('bulk.selectAll', { count: selection.total })}
        </button>
      ) : null}
      <div className="bulk-actions">
        {(['reassign', 'move', 'close'] as const).map((a) => (
          <button key={a} type="button" className="btn" onClick={() => setAction(a)}>
            {t(`bulk.action.${a}`)}
          </button>
        ))}
        <button type="button" className="btn btn-link" onClick={selection.clear}>
          {t('bulk.clear')}
        </button>
      </div>
      {action ? (
        <BulkDialog
          action={action}
          selection={selection}
          count={count}
          onClose={() => setAction(null)}
          onApplied={() => selection.done()}
        />
      ) : null}
    </div>
  );
}
