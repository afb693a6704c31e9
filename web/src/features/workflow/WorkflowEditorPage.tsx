// The configurator of an attendance type's workflow (manual 003, ADR 0038): a list of
// steps — situations held by a centre (a user, or a team: a branch, whose supervisor
// takes the return), decisions whose answers lead on, and ends. Steps are added,
// removed and reordered; the server validates on save (no dead ends, no unreachable
// steps) and its errors are shown at the step they name. Each save is a new version.
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../shared/api/endpoints';
import type { WorkflowInput, WorkflowStep } from '../../shared/api/types';
import { SelectField, TextField } from '../../shared/components/Field';
import { Notice } from '../../shared/components/Notice';
import { PageHeader } from '../../shared/components/PageHeader';
import { Loading } from '../../shared/components/Spinner';
import { errorMessage, fieldErrorsOf } from '../../shared/components/errors';
import { useAsync } from '../../shared/hooks/useAsync';
import { useUnsavedChanges } from '../../shared/hooks/useUnsavedChanges';
import { useI18n } from '../../shared/i18n/i18n';
import { Link } from '../../shared/router';
import { attendanceTypesPath } from '../../shared/rights';
import { useMe } from '../../shared/session';
import { workflowApi } from './workflowApi';

type Kind = WorkflowStep['kind'];

interface AnswerForm {
  key: string;
  label: string;
  next: string;
}

interface StepForm {
  uid: number;
  key: string;
  kind: Kind;
  label: string;
  centreKind: 'user' | 'team';
  centreId: string;
  next: string;
  due: string;
  answers: AnswerForm[];
}

let uids = 1;

function stepForm(s?: WorkflowStep): StepForm {
  return {
    uid: uids++,
    key: s?.key ?? '',
    kind: s?.kind ?? 'situation',
    label: s?.label ?? '',
    centreKind: s?.centre?.kind ?? 'user',
    centreId: s?.centre ? String(s.centre.id) : '',
    next: s?.next ?? '',
    due: String(s?.due_in_days ?? 0),
    answers: (s?.answers ?? []).map((a) => ({ ...a })),
  };
}

function toInput(start: string, steps: StepForm[]): WorkflowInput {
  return {
    start,
    steps: steps.map((s): WorkflowStep => {
      const base = { key: s.key.trim(), kind: s.kind, label: s.label.trim() };
      if (s.kind === 'situation')
        return {
          ...base,
          centre: s.centreId ? { kind: s.centreKind, id: Number(s.centreId) } : null,
          next: s.next,
          due_in_days: Number(s.due) || 0,
        };
      if (s.kind === 'decision') return { ...base, answers: s.answers.map((a) => ({ ...a, key: a.key.trim() })) };
      return base;
    }),
  };
}

export function WorkflowEditorPage({ typeId }: { typeId: number }) {
  const { t } = useI18n();
  const me = useMe();
  const types = useAsync(() => workflowApi.types(), []);
  const saved = useAsync(() => workflowApi.get(typeId), [typeId]);
  const users = useAsync(() => api.users(), []);
  const branches = useAsync(() => api.branches(), []);
  const [start, setStart] = useState('');
  const [steps, setSteps] = useState<StepForm[]>([]);
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  useUnsavedChanges(dirty);

  useEffect(() => {
    if (!saved.data) return;
    setStart(saved.data.start);
    setSteps(saved.data.steps.map((s) => stepForm(s)));
  }, [saved.data]);

  const change = (fn: (s: StepForm[]) => StepForm[]) => {
    setSteps((s) => fn(s));
    setDirty(true);
    setNotice('');
  };
  const setStep = (i: number, patch: Partial<StepForm>) =>
    change((all) => all.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const setAnswer = (i: number, j: number, patch: Partial<AnswerForm>) =>
    setStep(i, { answers: steps[i].answers.map((a, k) => (k === j ? { ...a, ...patch } : a)) });
  const move = (i: number, by: number) =>
    change((all) => {
      const out = [...all];
      const j = i + by;
      if (j < 0 || j >= out.length) return all;
      [out[i], out[j]] = [out[j], out[i]];
      return out;
    });

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    setErrors({});
    try {
      const wf = await workflowApi.put(typeId, toInput(start, steps));
      setDirty(false);
      setNotice(t('workflow.saved', { version: wf.version }));
      saved.reload();
    } catch (err) {
      setErrors(fieldErrorsOf(err));
      setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };

  const typeName = types.data?.find((x) => x.id === typeId)?.name ?? '';
  const keys = steps.map((s) => s.key.trim()).filter(Boolean);
  // Every message the server gave about a step, shown at the step.
  const stepErrors = (i: number) =>
    Object.entries(errors)
      .filter(([f]) => f === `steps[${i}]` || f.startsWith(`steps[${i}].`))
      .map(([f, m]) => `${f.slice(`steps[${i}]`.length).replace(/^\./, '') || t('workflow.step')}: ${m}`);
  const nextOptions = (
    <>
      <option value="">—</option>
      {keys.map((k) => (
        <option key={k} value={k}>
          {k}
        </option>
      ))}
    </>
  );

  if (saved.error) return <Notice kind="error">{errorMessage(saved.error, t)}</Notice>;
  if (!saved.data) return <Loading />;
  return (
    <>
      <PageHeader title={`${t('workflow.title')} — ${typeName}`}>
        <Link to={attendanceTypesPath(me)} className="btn">
          {t('workflow.back')}
        </Link>
      </PageHeader>
      <p className="muted">{t('workflow.version', { version: saved.data.version })}</p>
      <form onSubmit={(e) => void save(e)} noValidate aria-label={t('workflow.title')}>
        {error ? <Notice kind="error">{error}</Notice> : null}
        {notice ? <Notice kind="success">{notice}</Notice> : null}
        <SelectField
          label={t('workflow.start')}
          value={start}
          error={errors.start}
          onChange={(e) => {
            setStart(e.target.value);
            setDirty(true);
          }}
        >
          {nextOptions}
        </SelectField>
        {errors.steps ? <Notice kind="error">{errors.steps}</Notice> : null}
        <ol className="workflow-steps">
          {steps.map((s, i) => {
            const at = `steps[${i}]`;
            const here = stepErrors(i);
            return (
              <li key={s.uid} className="panel workflow-step" aria-label={`${t('workflow.step')} ${i + 1}`}>
                {here.length ? (
                  <Notice kind="error">
                    <ul>
                      {here.map((m) => (
                        <li key={m}>{m}</li>
                      ))}
                    </ul>
                  </Notice>
                ) : null}
                <div className="form-row">
                  <TextField
                    label={t('workflow.key')}
                    value={s.key}
                    error={errors[`${at}.key`]}
                    onChange={(e) => setStep(i, { key: e.target.value })}
                  />
                  <SelectField
                    label={t('workflow.kind')}
                    value={s.kind}
                    onChange={(e) => setStep(i, { kind: e.target.value as Kind })}
                  >
                    <option value="situation">{t('workflow.kind.situation')}</option>
                    <option value="decision">{t('workflow.kind.decision')}</option>
                    <option value="end">{t('workflow.kind.end')}</option>
                  </SelectField>
                  <TextField
                    label={t('workflow.label')}
                    value={s.label}
                    error={errors[`${at}.label`]}
                    onChange={(e) => setStep(i, { label: e.target.value })}
                  />
                </div>
                {s.kind === 'situation' ? (
                  <div className="form-row">
                    <SelectField
                      label={t('workflow.centreKind')}
                      value={s.centreKind}
                      onChange={(e) => setStep(i, { centreKind: e.target.value as 'user' | 'team', centreId: '' })}
                    >
                      <option value="user">{t('workflow.centre.user')}</option>
                      <option value="team">{t('workflow.centre.team')}</option>
                    </SelectField>
                    <SelectField
                      label={t('workflow.centre')}
                      value={s.centreId}
                      error={errors[`${at}.centre`] ?? errors[`${at}.centre.id`]}
                      onChange={(e) => setStep(i, { centreId: e.target.value })}
                    >
                      <option value="">—</option>
                      {s.centreKind === 'user'
                        ? (users.data ?? [])
                            .filter((u) => u.active)
                            .map((u) => (
                              <option key={u.id} value={u.id}>
                                {u.name}
                              </option>
                            ))
                        : (branches.data ?? []).map((b) => (
                            <option key={b.id} value={b.id}>
                              {b.name}
                            </option>
                          ))}
                    </SelectField>
                    <SelectField
                      label={t('workflow.next')}
                      value={s.next}
                      error={errors[`${at}.next`]}
                      onChange={(e) => setStep(i, { next: e.target.value })}
                    >
                      {nextOptions}
                    </SelectField>
                    <TextField
                      label={t('workflow.dueInDays')}
                      type="number"
                      min={0}
                      max={365}
                      value={s.due}
                      error={errors[`${at}.due_in_days`]}
                      onChange={(e) => setStep(i, { due: e.target.value })}
                    />
                  </div>
                ) : null}
                {s.kind === 'decision' ? (
                  <fieldset className="workflow-answers">
                    <legend>{t('workflow.answers')}</legend>
                    {s.answers.map((a, j) => (
                      <div className="form-row" key={j}>
                        <TextField
                          label={t('workflow.answerKey')}
                          value={a.key}
                          error={errors[`${at}.answers[${j}].key`]}
                          onChange={(e) => setAnswer(i, j, { key: e.target.value })}
                        />
                        <TextField
                          label={t('workflow.answerLabel')}
                          value={a.label}
                          error={errors[`${at}.answers[${j}].label`]}
                          onChange={(e) => setAnswer(i, j, { label: e.target.value })}
                        />
                        <SelectField
                          label={t('workflow.next')}
                          value={a.next}
                          error={errors[`${at}.answers[${j}].next`]}
                          onChange={(e) => setAnswer(i, j, { next: e.target.value })}
                        >
                          {nextOptions}
                        </SelectField>
                        <button
                          type="button"
                          className="btn btn-small"
                          onClick={() => setStep(i, { answers: s.answers.filter((_, k) => k !== j) })}
                        >
                          {t('workflow.removeAnswer')}
                        </button>
                      </div>
                    ))}
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={() => setStep(i, { answers: [...s.answers, { key: '', label: '', next: '' }] })}
                    >
                      {t('workflow.addAnswer')}
                    </button>
                  </fieldset>
                ) : null}
                <div className="row-actions">
                  <button type="button" className="btn btn-small" disabled={i === 0} onClick={() => move(i, -1)}>
                    {t('workflow.up')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-small"
                    disabled={i === steps.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    {t('workflow.down')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-small btn-danger"
                    onClick={() => change((all) => all.filter((_, j) => j !== i))}
                  >
                    {t('workflow.removeStep')}
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => change((all) => [...all, stepForm()])}>
            {t('workflow.addStep')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </>
  );
}
