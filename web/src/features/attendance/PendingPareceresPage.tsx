// "Pareceres pendentes" (manual 003): the caller's drafts across every follow-up, to go
// back to one or publish it.
import { useState } from 'react';
import { Notice } from '../../shared/components/Notice';
import { PageHeader } from '../../shared/components/PageHeader';
import { Loading } from '../../shared/components/Spinner';
import { errorMessage } from '../../shared/components/errors';
import { formatInstant } from '../../shared/format';
import { useAsync } from '../../shared/hooks/useAsync';
import { useI18n } from '../../shared/i18n/i18n';
import { Link } from '../../shared/router';
import { useUserTime } from '../../shared/session';
import { attendanceApi } from './attendanceApi';

export function PendingPareceresPage() {
  const { t, locale } = useI18n();
  const { timeZone } = useUserTime();
  const list = useAsync(() => attendanceApi.pending(), []);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);

  const publish = async (id: number) => {
    setBusy(true);
    setError('');
    try {
      await attendanceApi.publish(id);
      setNotice(t('attendance.published'));
      list.reload();
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={t('attendance.pending')} />
      {list.error ? <Notice kind="error">{errorMessage(list.error, t)}</Notice> : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      {!list.data ? <Loading /> : null}
      {list.data && !list.data.length ? <p className="muted">{t('attendance.noPending')}</p> : null}
      {list.data?.length ? (
        <ul className="pending-pareceres">
          {list.data.map((p) => (
            <li key={p.id} className="panel">
              <Link to={`/followups/${p.followup_id}/parecer`}>
                {p.party_name} — {p.followup_subject}
              </Link>{' '}
              <span className="muted small">{formatInstant(p.created_at, locale, timeZone)}</span>
              <p className="tl-body">{p.body}</p>
              <button type="button" className="btn btn-small" disabled={busy} onClick={() => void publish(p.id)}>
                {t('entry.publish')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
