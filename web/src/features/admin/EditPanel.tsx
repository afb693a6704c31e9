// An admin section whose items are added and edited in a dialog, one at a time (users,
// the catalogue): the heading with "Add", the notice of the last save, the list's error
// and loading, the list, and the dialog while one is open.
import { useState, type ReactNode } from 'react';
import { Loading } from '../../shared/components/Spinner';
import { Notice } from '../../shared/components/Notice';
import { errorMessage } from '../../shared/components/errors';
import type { AsyncState } from '../../shared/hooks/useAsync';
import { useI18n } from '../../shared/i18n/i18n';

interface EditPanelProps<T> {
  titleId: string;
  title: string;
  list: Pick<AsyncState<unknown>, 'data' | 'error' | 'loading' | 'reload'>;
  /** Between the heading and the notices: an introduction, a search form. */
  top?: ReactNode;
  /** The list; `edit` opens the dialog on one item. */
  children: (edit: (item: T) => void) => ReactNode;
  /** The dialog on `item` (null: a new one). `saved` closes it, shows `notice` and loads the list again. */
  dialog: (item: T | null, close: () => void, saved: (notice: string) => void) => ReactNode;
}

export function EditPanel<T>({ titleId, title, list, top, children, dialog }: EditPanelProps<T>) {
  const { t } = useI18n();
  const [editing, setEditing] = useState<{ item: T | null } | null>(null);
  const [notice, setNotice] = useState('');
  const close = () => setEditing(null);
  const saved = (message: string) => {
    setEditing(null);
    setNotice(message);
    list.reload();
  };

  return (
    <section className="panel" aria-labelledby={titleId}>
      <div className="panel-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="btn btn-primary" onClick={() => setEditing({ item: null })}>
          {t('common.add')}
        </button>
      </div>
      {top}
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      {list.error ? <Notice kind="error">{errorMessage(list.error, t)}</Notice> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {children((item) => setEditing({ item }))}
      {editing ? dialog(editing.item, close, saved) : null}
    </section>
  );
}

/** The cell with a row's "Edit" button; `label` names the row for screen readers. */
export function EditCell({ label, onClick }: { label: string; onClick: () => void }) {
  const { t } = useI18n();
  return (
    <td className="row-actions">
      <button type="button" className="btn btn-small" onClick={onClick} aria-label={label}>
        {t('common.edit')}
      </button>
    </td>
  );
}
