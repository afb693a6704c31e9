import type { DocumentStatus } from '../../shared/api/types';
import { useI18n } from '../../shared/i18n/i18n';

/** Open, completed or cancelled, with its name (colour is never alone). */
export function DocumentStatusBadge({ status }: { status: DocumentStatus }) {
  const { t } = useI18n();
  return (
    <span className={`badge doc-status doc-status-${status}`}>
      <span className="dot" aria-hidden="true" />
      {t(`document.status.${status}`)}
    </span>
  );
}
