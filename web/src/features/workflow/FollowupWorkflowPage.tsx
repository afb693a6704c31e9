// A follow-up in its attendance type's workflow (manual 003, ADR 0038): where it stands
// (the situation and the centre holding it), the questions that follow the situation as
// buttons — each answer leads to the next question or, at a situation or an end, sends
// the answers — and the history of its steps.
import { useState } from 'react';
import type { FollowupWorkflow, WorkflowStep } from '../../shared/api/types';
import { TextArea } from '../../shared/components/Field';
import { Notice } from '../../shared/components/Notice';
import { PageHeader } from '../../shared/components/PageHeader';
import { Loading } from '../../shared/components/Spinner';
import { errorMessage } from '../../shared/components/errors';
import { formatInstant } from '../../shared/format';
import { useAsync } from '../../shared/hooks/useAsync';
import { useUnsavedChanges } from '../../shared/hooks/useUnsavedChanges';
import { useI18n } from '../../shared/i18n/i18n';
import { Link } from '../../shared/router';
import { useUserTime } from '../../shared/session';
import { workflowApi } from './workflowApi';

/** The decision the answers given so far lead to after `at`, or null once they reach a situation or an end. */
export function pendingDecision(steps: WorkflowStep[], at: string, answers: string[]): WorkflowStep | null {
  const find = (k: string) => steps.find((s) => s.key === k) ?? null;
  let step = find(find(at)?.next ?? '');
  for (const a of answers) {
    if (!step || step.kind !== 'decision') return null;
    step = find(step.answers?.find((x) => x.key === a)?.next ?? '');
  }
  return step && step.kind === 'decision' ? step : null;
}

export function FollowupWorkflowPage({ id }: { id: number }) {
  const { t, locale } = useI18n();
  const { timeZone } = useUserTime();
  const state = useAsync(() => workflowApi.ofFollowup(id), [id]);
  const [answers, setAnswers] = useState<string[]>([]);
  const [result, setResult] = useState('');
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  useUnsavedChanges(answers.length > 0 || result.trim() !== '');

  const send = async (all: string[]) => {
    setBusy(true);
    setError('');
    try {
      const moved: FollowupWorkflow = await workflowApi.advance(id, all, result.trim() || undefined);
      setAnswers([]);
      setResult('');
      setNotice(t('workflow.moved', { step: moved.position?.step_label ?? '' }));
      state.reload();
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };

  if (state.error) return <Notice kind="error">{errorMessage(state.error, t)}</Notice>;
  if (!state.data) return <Loading />;
  const wf = state.data.workflow;
  const pos = state.data.position;
  const steps = wf?.steps ?? [];
  const decision = wf && pos && pos.step_kind === 'situation' ? pendingDecision(steps, pos.step, answers) : null;
  const answer = (key: string) => {
    const all = [...answers, key];
    if (pendingDecision(steps, pos!.step, all)) setAnswers(all);
    else void send(all);
  };
  const labelOf = (key: string) => steps.find((s) => s.key === key)?.label ?? key;

  return (
    <>
      <PageHeader title={t('workflow.followupTitle')}>
        <Link to={`/followups/${id}`} className="btn">
          {t('workflow.back')}
        </Link>
      </PageHeader>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      {!wf || !pos ? <p className="muted">{t('workflow.none')}</p> : null}
      {pos ? (
        <section className="panel" aria-labelledby="wf-now">
          <h2 id="wf-now">{t('workflow.current')}</h2>
          <p className="workflow-current">
            <strong>{pos.step_label}</strong>{' '}
            <span className="muted small">
              {t('workflow.since', { when: formatInstant(pos.since, locale, timeZone) })}
            </span>
          </p>
          {decision ? (
            <div role="group" aria-label={decision.label} className="workflow-decision">
              <p>{decision.label}</p>
              {(decision.answers ?? []).map((a) => (
                <button
                  key={a.key}
                  type="button"
                  className="btn btn-primary"
                  disabled={busy}
                  onClick={() => answer(a.key)}
                >
                  {a.label}
                </button>
              ))}
              {answers.length ? (
                <button type="button" className="btn" disabled={busy} onClick={() => setAnswers([])}>
                  {t('workflow.restart')}
                </button>
              ) : null}
              <TextArea
                label={t('workflow.result')}
                value={result}
                rows={2}
                onChange={(e) => setResult(e.target.value)}
              />
            </div>
          ) : null}
          {pos.step_kind === 'situation' && !decision ? (
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void send(answers)}>
              {t('workflow.done')}
            </button>
          ) : null}
        </section>
      ) : null}
      {state.data.history?.length ? (
        <section className="panel" aria-labelledby="wf-history">
          <h2 id="wf-history">{t('workflow.history')}</h2>
          <ol className="workflow-history">
            {state.data.history.map((m, i) => (
              <li key={i}>
                <span className="muted small">{formatInstant(m.moved_at, locale, timeZone)}</span>{' '}
                {m.answers.map((a) => `${labelOf(a.decision)} → ${a.answer}`).join(' · ')}
                {m.answers.length ? ' ⇢ ' : ''}
                <strong>{m.to_label}</strong>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </>
  );
}
