// The follow-up's contact person (name, e-mail, phone), edited beside the parecer (manual
// 003): who was attended is often only known once the parecer is written. Saved on the
// follow-up with its ETag, as the follow-up page does; a stale copy answers 412 and the
// form says so.
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../shared/api/endpoints';
import type { Followup } from '../../shared/api/types';
import { TextField } from '../../shared/components/Field';
import { Notice } from '../../shared/components/Notice';
import { useSubmit } from '../../shared/hooks/useSubmit';
import { useI18n } from '../../shared/i18n/i18n';

export function ParecerContact({ followup, etag, onSaved }: { followup: Followup; etag: string; onSaved: () => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState(followup.contact);
  const [notice, setNotice] = useState('');
  const { errors, error, busy, send, markDirty } = useSubmit({ staysOpen: true });
  useEffect(() => setForm(followup.contact), [followup.contact]);
  const readOnly = followup.status === 'closed' || followup.can_change === false;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNotice('');
    await send(async () => {
      await api.patchFollowup(followup.id, etag, {
        contact: { ...form, name: form.name.trim(), email: form.email.trim(), phone: form.phone.trim() },
      });
      setNotice(t('admin.saved'));
      onSaved();
    });
  };

  return (
    <section className="panel no-print" aria-labelledby="parecer-contact">
      <h2 id="parecer-contact">{t('attendance.contact')}</h2>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      <form onChange={markDirty} onSubmit={submit} noValidate>
        <TextField
          id="parecer-contact-name"
          label={t('contact.name')}
          value={form.name}
          maxLength={160}
          disabled={readOnly}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
          error={errors['contact.name']}
        />
        <TextField
          id="parecer-contact-email"
          type="email"
          label={t('contact.email')}
          value={form.email}
          maxLength={254}
          disabled={readOnly}
          onChange={(e) => setForm({ ...form, email: e.target.value })}
          error={errors['contact.email']}
        />
        <TextField
          id="parecer-contact-phone"
          type="tel"
          label={t('contact.phone')}
          value={form.phone}
          maxLength={40}
          disabled={readOnly}
          onChange={(e) => setForm({ ...form, phone: e.target.value })}
          error={errors['contact.phone']}
        />
        {readOnly ? null : (
          <button type="submit" className="btn" disabled={busy}>
            {t('attendance.saveContact')}
          </button>
        )}
      </form>
    </section>
  );
}
