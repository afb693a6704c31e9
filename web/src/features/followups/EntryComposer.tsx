// Add to the history (manual 001's tabs "Follow Up", "Reclamações", "Comentário
// interno"); "A concluir" keeps it as a draft to publish later [003]. What is being
// typed is also kept in this browser, so leaving the page does not lose it.
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../shared/api/endpoints';
import type { Entry, EntryCreate } from '../../shared/api/types';
import { TextArea, TextField } from '../../shared/components/Field';
import { Notice } from '../../shared/components/Notice';
import { Tabs } from '../../shared/components/Tabs';
import { errorMessage } from '../../shared/components/errors';
import { formatInstant, wallTimeIn, wallTimeToInstant } from '../../shared/format';
import { useSubmit } from '../../shared/hooks/useSubmit';
import { useI18n } from '../../shared/i18n/i18n';

type Kind = EntryCreate['kind'];
const KINDS: Kind[] = ['note', 'complaint', 'internal'];
const TAB_OF: Record<Kind, string> = { note: 'followup', complaint: 'complaint', internal: 'internal' };

function storageKey(userId: number, followupId: number, kind: Kind) {
  return `retorno.compose.${userId}.${followupId}.${kind}`;
}

function loadText(key: string): string {
  try {
    return localStorage.getItem(key) ?? '';
  } catch {
    return '';
  }
}

function saveText(key: string, text: string) {
  try {
    if (text) localStorage.setItem(key, text);
    else localStorage.removeItem(key);
  } catch {
    // Private mode: the text lives only in the page.
  }
}

interface Props {
  followupId: number;
  userId: number;
  timeZone: string;
  drafts: Entry[];
  disabled: boolean;
  onChanged: (message: string) => void;
}

export function EntryComposer({ followupId, userId, timeZone, drafts, disabled, onChanged }: Props) {
  const { t, locale } = useI18n();
  const [kind, setKind] = useState<Kind>('note');
  const [texts, setTexts] = useState<Record<Kind, string>>(() => ({
    note: loadText(storageKey(userId, followupId, 'note')),
    complaint: loadText(storageKey(userId, followupId, 'complaint')),
    internal: loadText(storageKey(userId, followupId, 'internal')),
  }));
  const [contactAt, setContactAt] = useState(() => wallTimeIn(timeZone));
  const { errors, setErrors, error, setError, busy, setBusy, send, markDirty } = useSubmit({ staysOpen: true });

  useEffect(() => {
    for (const k of KINDS) saveText(storageKey(userId, followupId, k), texts[k]);
  }, [texts, userId, followupId]);

  const save = async (draft: boolean) => {
    const body = texts[kind].trim();
    if (!body) {
      setErrors({ body: t('validation.required') });
      return;
    }
    setErrors({});
    await send(async () => {
      await api.addEntry(followupId, { kind, body, contact_at: wallTimeToInstant(contactAt, timeZone), draft });
      setTexts((old) => ({ ...old, [kind]: '' }));
      setContactAt(wallTimeIn(timeZone));
      onChanged(draft ? t('entry.savedDraft') : t('entry.saved'));
    });
  };

  const publish = async (entry: Entry) => {
    setBusy(true);
    setError('');
    try {
      await api.publishEntry(entry.id);
      onChanged(t('entry.published'));
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save(false);
  };

  return (
    <div className="composer">
      {error ? <Notice kind="error">{error}</Notice> : null}
      <form onChange={markDirty} onSubmit={submit} noValidate>
        <Tabs
          label={t('followupForm.observations')}
          active={kind}
          onChange={(k) => setKind(k as Kind)}
          tabs={KINDS.map((k) => ({ id: k, label: t(`notes.tab.${TAB_OF[k]}`) }))}
        >
          <TextArea
            id={`entry-body-${kind}`}
            label={t(`notes.label.${TAB_OF[kind]}`)}
            rows={4}
            value={texts[kind]}
            disabled={disabled}
            onChange={(e) => setTexts({ ...texts, [kind]: e.target.value })}
            error={errors.body}
          />
          <div className="composer-foot">
            <TextField
              id="entry-contact-at"
              label={t('followup.contactAt')}
              type="datetime-local"
              className="field-inline"
              value={contactAt}
              max={wallTimeIn(timeZone)}
              disabled={disabled}
              onChange={(e) => setContactAt(e.target.value)}
              error={errors.contact_at}
            />
            <div className="composer-buttons">
              <button type="submit" className="btn btn-primary" disabled={busy || disabled}>
                {t('common.save')}
              </button>
              <button type="button" className="btn" disabled={busy || disabled} onClick={() => void save(true)}>
                {t('entry.saveDraft')}
              </button>
            </div>
          </div>
        </Tabs>
      </form>
      {drafts.length ? (
        <section className="drafts" aria-labelledby="drafts-title">
          <h3 id="drafts-title">{t('entry.drafts', { count: drafts.length })}</h3>
          <ul>
            {drafts.map((d) => (
              <li key={d.id} className="draft">
                <div>
                  <span className={`kind kind-${d.kind}`}>{t(`entry.kind.${d.kind}`)}</span>{' '}
                  <span className="muted small">{formatInstant(d.contact_at, locale, timeZone)}</span>
                  <p className="tl-body">{d.body}</p>
                </div>
                <button type="button" className="btn btn-small" disabled={busy} onClick={() => void publish(d)}>
                  {t('entry.publish')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
