// The user's private calendar feed (iCalendar) for Google Calendar, Outlook or a phone:
// create it (the address is shown once, to copy), make a new one (the old one stops
// working) or revoke it.
import { useState } from 'react';
import { api } from '../../shared/api/endpoints';
import { Notice } from '../../shared/components/Notice';
import { errorMessage } from '../../shared/components/errors';
import { useI18n } from '../../shared/i18n/i18n';
import { useMe, useSession } from '../../shared/session';

export function CalendarFeed() {
  const { t } = useI18n();
  const me = useMe();
  const { refresh } = useSession();
  const [url, setUrl] = useState('');
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const active = !!me.calendar_feed || !!url;

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError('');
    setNotice('');
    try {
      await work();
      await refresh();
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };

  const create = () =>
    run(async () => {
      const r = await api.createCalendarFeed();
      setUrl(r.url);
      setNotice(t('feed.created'));
    });

  const revoke = () =>
    run(async () => {
      await api.revokeCalendarFeed();
      setUrl('');
      setNotice(t('feed.revoked'));
    });

  const copy = async () => {
    const input = document.getElementById('feed-url') as HTMLInputElement | null;
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      input?.select();
      document.execCommand?.('copy');
    }
    setNotice(t('feed.copied'));
  };

  return (
    <section className="panel panel-narrow" aria-labelledby="feed-title">
      <h2 id="feed-title">{t('feed.title')}</h2>
      <p className="muted">{t('feed.intro')}</p>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      <p>
        <strong>{active ? t('feed.active') : t('feed.inactive')}</strong>
      </p>
      {url ? (
        <div className="field">
          <label htmlFor="feed-url" className="field-label">
            {t('feed.url')}
          </label>
          <input
            id="feed-url"
            type="text"
            readOnly
            value={url}
            onFocus={(e) => e.currentTarget.select()}
            aria-describedby="feed-url-hint"
          />
          <span className="field-hint" id="feed-url-hint">
            {t('feed.urlHint')}
          </span>
        </div>
      ) : active ? (
        <p className="field-hint">{t('feed.hidden')}</p>
      ) : null}
      <div className="toolbar">
        {url ? (
          <button type="button" className="btn btn-primary" onClick={() => void copy()}>
            {t('feed.copy')}
          </button>
        ) : null}
        <button
          type="button"
          className={`btn ${url ? '' : 'btn-primary'}`}
          disabled={busy}
          onClick={() => void create()}
        >
          {active ? t('feed.renew') : t('feed.create')}
        </button>
        {active ? (
          <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void revoke()}>
            {t('feed.revoke')}
          </button>
        ) : null}
      </div>
      {active ? <p className="field-hint">{t('feed.renewHint')}</p> : null}
    </section>
  );
}
