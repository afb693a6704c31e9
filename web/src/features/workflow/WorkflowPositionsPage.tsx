// "Onde está cada atendimento" (manual 003, ADR 0038): where each open follow-up walking
// a workflow stands — its step, the centre holding it and when its return is due —
// filtered by attendance type and step. Supervisors see their branch, agents their own.
import { useState } from 'react';
import { Notice } from '../../shared/components/Notice';
import { PageHeader } from '../../shared/components/PageHeader';
import { SelectField, TextField } from '../../shared/components/Field';
import { Loading } from '../../shared/components/Spinner';
import { errorMessage } from '../../shared/components/errors';
import { formatDate } from '../../shared/format';
import { useAsync } from '../../shared/hooks/useAsync';
import { useI18n } from '../../shared/i18n/i18n';
import { Link } from '../../shared/router';
import { workflowApi } from './workflowApi';

export function WorkflowPositionsPage() {
  const { t, locale } = useI18n();
  const [typeId, setTypeId] = useState('');
  const [step, setStep] = useState('');
  const types = useAsync(() => workflowApi.types(), []);
  const list = useAsync(
    () => workflowApi.positions({ attendance_type_id: typeId ? Number(typeId) : undefined, step: step.trim() }),
    [typeId, step],
  );
  const withWorkflow = (types.data ?? []).filter((x) => x.workflow_id !== null);

  return (
    <>
      <PageHeader title={t('workflow.positions')} />
      <div className="filters form-row">
        <SelectField label={t('workflow.type')} value={typeId} onChange={(e) => setTypeId(e.target.value)}>
          <option value="">{t('workflow.allTypes')}</option>
          {withWorkflow.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </SelectField>
        <TextField label={t('workflow.stepFilter')} value={step} onChange={(e) => setStep(e.target.value)} />
      </div>
      {list.error ? <Notice kind="error">{errorMessage(list.error, t)}</Notice> : null}
      {!list.data && !list.error ? <Loading /> : null}
      {list.data && !list.data.length ? <p className="muted">{t('workflow.noPositions')}</p> : null}
      {list.data?.length ? (
        <table className="grid grid-compact">
          <caption className="sr-only">{t('workflow.positions')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('workflow.followup')}</th>
              <th scope="col">{t('workflow.step')}</th>
              <th scope="col">{t('workflow.centre')}</th>
              <th scope="col">{t('workflow.due')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((p) => (
              <tr key={p.followup_id}>
                <td data-label={t('workflow.followup')}>
                  <Link to={`/followups/${p.followup_id}/workflow`}>
                    {p.party_name} — {p.subject}
                  </Link>
                </td>
                <td data-label={t('workflow.step')}>{p.step_label}</td>
                <td data-label={t('workflow.centre')}>
                  {p.centre ? `${t(`workflow.centre.${p.centre.kind}`)} #${p.centre.id}` : '—'}
                </td>
                <td data-label={t('workflow.due')}>{p.due_date ? formatDate(p.due_date, locale) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
