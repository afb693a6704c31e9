// The controls of a table the admin keeps (contact types, categories, branches): move a
// row up or down, retire it or bring it back. Rows are never deleted: old records hold
// their codes [001].
import { useSubmit } from '../../shared/hooks/useSubmit';
import { invalidateTables } from '../../shared/hooks/useTables';
import { useI18n } from '../../shared/i18n/i18n';

export interface KeptRow {
  id: number;
  position: number;
  active: boolean;
}

export interface KeptPatch {
  position?: number;
  active?: boolean;
}

interface Props {
  row: KeptRow;
  /** The row's display name, for the buttons' accessible names. */
  name: string;
  /** Rows in the list (retired ones included). */
  count: number;
  busy: boolean;
  onChange: (patch: KeptPatch) => void;
}

export function KeptRowControls({ row, name, count, busy, onChange }: Props) {
  const { t } = useI18n();
  return (
    <span className="kept-row-controls">
      <button
        type="button"
        className="btn btn-small"
        aria-label={t('admin.moveUp', { name })}
        title={t('admin.moveUp', { name })}
        disabled={busy || row.position <= 1}
        onClick={() => onChange({ position: row.position - 1 })}
      >
        ↑
      </button>
      <button
        type="button"
        className="btn btn-small"
        aria-label={t('admin.moveDown', { name })}
        title={t('admin.moveDown', { name })}
        disabled={busy || row.position >= count}
        onClick={() => onChange({ position: row.position + 1 })}
      >
        ↓
      </button>
      <button
        type="button"
        className="btn btn-small"
        aria-label={t(row.active ? 'admin.retire' : 'admin.reactivate', { name })}
        disabled={busy}
        onClick={() => onChange({ active: !row.active })}
      >
        {t(row.active ? 'admin.retireShort' : 'admin.reactivateShort')}
      </button>
    </span>
  );
}

/** "Ativo" or "Desativado", as a status cell shows it. */
export function KeptStatus({ active }: { active: boolean }) {
  const { t } = useI18n();
  return (
    <span className={`status ${active ? 'status-active' : 'status-retired'}`}>
      {t(active ? 'admin.active' : 'admin.retired')}
    </span>
  );
}

/**
 * Saves one change to a kept row (a new name, a move, retiring or bringing it back):
 * field errors go to `row`; once saved, `done` closes what was being edited, `after`
 * says so and reloads the list, and every picker reads the tables again.
 */
export function useKeptRowChange<P>(patch: (id: number, p: P) => Promise<unknown>, after: () => void) {
  const row = useSubmit({ staysOpen: true });
  const change = (id: number, p: P, done?: () => void) =>
    row.send(async () => {
      await patch(id, p);
      row.setErrors({});
      done?.();
      after();
      invalidateTables();
    });
  return { row, change };
}
