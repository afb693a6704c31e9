import { useState, type FormEvent } from 'react';
import { api } from '../../shared/api/endpoints';
import { FormDialog } from '../../shared/components/FormDialog';
import { Notice } from '../../shared/components/Notice';
import { useSubmit } from '../../shared/hooks/useSubmit';
import { offered, useTables } from '../../shared/hooks/useTables';
import { useI18n } from '../../shared/i18n/i18n';
import { useUserTime } from '../../shared/session';
import { ActionFields, emptyAction, missingActionFields, toActionInput } from '../../entities/action/ActionFields';

/** Schedule another return for a follow-up (optionally repeated monthly). */
export function NewReturnDialog({
  followupId,
  onClose,
  onDone,
}: {
  followupId: number;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { contactTypes } = useTables();
  const { today, timeZone } = useUserTime();
  const [draft, setDraft] = useState(() => emptyAction(offered(contactTypes)[0]?.code ?? '', today));
  const { errors, setErrors, error, busy, send, markDirty } = useSubmit();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local = missingActionFields(draft, '', t('validation.required'));
    setErrors(local);
    if (Object.keys(local).length) return;
    await send(async () => {
      await api.addAction(followupId, toActionInput(draft, timeZone));
      onDone();
    });
  };
  return (
    <FormDialog title={t('returns.new')} onClose={onClose} wide formId="new-return-form" busy={busy}>
      <form onChange={markDirty} id="new-return-form" onSubmit={submit} noValidate>
        {error ? <Notice kind="error">{error}</Notice> : null}
        <ActionFields
          idPrefix="nr"
          value={draft}
          onChange={setDraft}
          contactTypes={contactTypes}
          errors={errors}
          prefix=""
          today={today}
          timeZone={timeZone}
        />
      </form>
    </FormDialog>
  );
}
