// "Ciclo de atendimento" of a follow-up (manual 003; ADR 0039): the active questionnaires
// of its attendance type, each with the answers stored (with the question texts they
// answered) and, while the follow-up is open and the user may write on it, a form with
// the input of each kind — text, yes/no, one of the options, a number within its bounds,
// a calendar day — required questions marked. A failed check or a refusal puts each
// message on its question and the focus on the first one. Saving again replaces the
// answers; every answering is also a note in the follow-up's history. Users with the
// export right download a questionnaire's answers.
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../shared/api/client';
import { api } from '../../shared/api/endpoints';
import type { FollowupQuestionnaire, Question } from '../../shared/api/types';
import { SelectField, TextArea, TextField } from '../../shared/components/Field';
import { ExportMenu } from '../../shared/components/ExportMenu';
import { Notice } from '../../shared/components/Notice';
import { PageHeader } from '../../shared/components/PageHeader';
import { Loading } from '../../shared/components/Spinner';
import { errorMessage } from '../../shared/components/errors';
import { formatInstant } from '../../shared/format';
import { useAsync } from '../../shared/hooks/useAsync';
import { useUnsavedChanges } from '../../shared/hooks/useUnsavedChanges';
import { useI18n } from '../../shared/i18n/i18n';
import { Link } from '../../shared/router';
import { hasRight } from '../../shared/rights';
import { useMe, useUserTime } from '../../shared/session';
import { attendanceApi } from './attendanceApi';
import {
  answerText,
  checkAnswers,
  draftsOf,
  focusFirstError,
  serverFieldErrors,
  rangeText,
  toAnswers,
  type Draft,
} from './questionnaireForm';

export function FollowupQuestionnairesPage({ id }: { id: number }) {
  const { t } = useI18n();
  const followup = useAsync(() => api.followup(id), [id]);
  const list = useAsync(() => attendanceApi.followupQuestionnaires(id), [id]);
  const f = followup.data?.followup;
  const canAnswer = !!f && f.status === 'open' && f.can_change !== false;

  return (
    <>
      <PageHeader title={f ? t('questionnaire.cycleOf', { subject: f.subject }) : t('questionnaire.cycle')}>
        <Link to={`/followups/${id}`} className="btn">
          {t('attendance.backToFollowup')}
        </Link>
      </PageHeader>
      {followup.error ? <Notice kind="error">{errorMessage(followup.error, t)}</Notice> : null}
      {list.error ? <Notice kind="error">{errorMessage(list.error, t)}</Notice> : null}
      {f && f.status !== 'open' ? <Notice kind="info">{t('questionnaire.closedReadOnly')}</Notice> : null}
      {!f || !list.data ? <Loading /> : null}
      {f && list.data && !list.data.length ? <p className="empty">{t('questionnaire.noneOffered')}</p> : null}
      {f && list.data
        ? list.data.map((fq) => (
            <AnswerPanel
              key={fq.questionnaire.id}
              followupId={id}
              item={fq}
              canAnswer={canAnswer}
              onSaved={() => {
                list.reload();
                followup.reload();
              }}
            />
          ))
        : null}
    </>
  );
}

function AnswerPanel({
  followupId,
  item,
  canAnswer,
  onSaved,
}: {
  followupId: number;
  item: FollowupQuestionnaire;
  canAnswer: boolean;
  onSaved: () => void;
}) {
  const { t, locale } = useI18n();
  const me = useMe();
  const { timeZone } = useUserTime();
  const q = item.questionnaire;
  const stored = item.answers;
  const [open, setOpen] = useState(!stored);
  const [drafts, setDrafts] = useState<Draft[]>(() => draftsOf(q, stored));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const [dirty, setDirty] = useState(false);
  useUnsavedChanges(dirty);
  const headingId = `qa-${q.id}-title`;
  const fieldId = (key: string) => {
    const m = /^answers\[(\d+)\]$/.exec(key);
    return m ? `qa-${q.id}-${m[1]}` : '';
  };
  const order = q.questions.map((_, i) => `answers[${i}]`);

  const setDraft = (i: number, v: Draft) => {
    setDrafts((d) => d.map((x, j) => (j === i ? v : x)));
    setDirty(true);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError('');
    setNotice('');
    const local = checkAnswers(q.questions, drafts, t);
    setErrors(local);
    if (Object.keys(local).length) {
      setError(t('validation.fixFields'));
      focusFirstError(local, order, fieldId);
      return;
    }
    setBusy(true);
    try {
      await attendanceApi.answer(followupId, q.id, toAnswers(q.questions, drafts), q.version);
      setDirty(false);
      setOpen(false);
      setNotice(t('questionnaire.answered'));
      onSaved();
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) {
        setError(t('questionnaire.changedMeanwhile'));
        onSaved();
      } else {
        setError(errorMessage(err, t));
        const found = serverFieldErrors(err, t);
        setErrors(found);
        focusFirstError(found, order, fieldId);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel questionnaire" aria-labelledby={headingId}>
      <div className="panel-head">
        <h2 id={headingId}>{q.title}</h2>
        {hasRight(me, 'export') ? (
          <ExportMenu
            path={`/questionnaires/${q.id}/answers/export`}
            filters={{}}
            fileName={t('questionnaire.fileName')}
          />
        ) : null}
      </div>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      {stored ? (
        <div className="answer-set" data-testid="answer-set">
          <p className="muted small">
            {t('questionnaire.answeredBy', {
              name: stored.answered_by.name,
              when: formatInstant(stored.answered_at, locale, timeZone),
              version: stored.version,
            })}
          </p>
          <dl className="answer-list">
            {stored.items.map((a, i) => (
              <div key={i} className="answer-row">
                <dt>{a.question}</dt>
                <dd>{answerText(a, t, locale)}</dd>
              </div>
            ))}
          </dl>
          {stored.version !== q.version ? <p className="muted small">{t('questionnaire.olderVersion')}</p> : null}
        </div>
      ) : (
        <p className="muted">{t('questionnaire.notAnswered')}</p>
      )}
      {canAnswer && !open ? (
        <button type="button" className="btn" onClick={() => setOpen(true)}>
          {t('questionnaire.answerAgain')}
        </button>
      ) : null}
      {canAnswer && open ? (
        <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby={headingId} className="answer-form">
          {error ? <Notice kind="error">{error}</Notice> : null}
          <p className="muted small">{t('questionnaire.requiredHint')}</p>
          {q.questions.map((question, i) => (
            <AnswerField
              key={i}
              id={`qa-${q.id}-${i}`}
              question={question}
              value={drafts[i] ?? ''}
              error={errors[`answers[${i}]`]}
              onChange={(v) => setDraft(i, v)}
            />
          ))}
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {t('questionnaire.record')}
            </button>
            {stored ? (
              <button
                type="button"
                className="btn"
                onClick={() => {
                  setOpen(false);
                  setErrors({});
                  setError('');
                  setDrafts(draftsOf(q, stored));
                  setDirty(false);
                }}
              >
                {t('common.cancel')}
              </button>
            ) : null}
          </div>
        </form>
      ) : null}
    </section>
  );
}

/** The input of a question's kind, its label marked when required. */
export function AnswerField({
  id,
  question,
  value,
  error,
  onChange,
}: {
  id: string;
  question: Question;
  value: Draft;
  error?: string;
  onChange: (v: Draft) => void;
}) {
  const { t } = useI18n();
  const label = question.text;
  const required = question.required;
  switch (question.kind) {
    case 'text':
      return (
        <TextArea
          id={id}
          label={label}
          required={required}
          rows={2}
          maxLength={2000}
          value={value}
          error={error}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'choice':
      return (
        <SelectField
          id={id}
          label={label}
          required={required}
          value={value}
          error={error}
          onChange={(e) => onChange(e.target.value)}
        >
          <option value="">{t('common.choose')}</option>
          {question.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </SelectField>
      );
    case 'number':
      return (
        <TextField
          id={id}
          label={label}
          required={required}
          type="number"
          inputMode="decimal"
          step="any"
          min={question.min ?? undefined}
          max={question.max ?? undefined}
          value={value}
          hint={rangeText(question, t) || undefined}
          error={error}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'date':
      return (
        <TextField
          id={id}
          label={label}
          required={required}
          type="date"
          value={value}
          error={error}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'yes_no':
      return <YesNo id={id} label={label} required={required} value={value} error={error} onChange={onChange} />;
  }
}

function YesNo({
  id,
  label,
  required,
  value,
  error,
  onChange,
}: {
  id: string;
  label: string;
  required: boolean;
  value: Draft;
  error?: string;
  onChange: (v: Draft) => void;
}) {
  const { t } = useI18n();
  return (
    <fieldset
      className={`field field-choice ${error ? 'has-error' : ''}`}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${id}-err` : undefined}
      aria-required={required || undefined}
    >
      <legend className="field-label">
        {label}
        {required ? (
          <span className="field-required" aria-hidden="true">
            {' *'}
          </span>
        ) : null}
      </legend>
      <div className="radio-row">
        {(['yes', 'no'] as const).map((v, k) => (
          <label key={v} className="radio">
            <input
              id={k === 0 ? id : `${id}-no`}
              type="radio"
              name={id}
              value={v}
              checked={value === v}
              onChange={() => onChange(v)}
            />{' '}
            {v === 'yes' ? t('common.yes') : t('common.no')}
          </label>
        ))}
      </div>
      {error ? (
        <span className="field-error" id={`${id}-err`} role="alert">
          {error}
        </span>
      ) : null}
    </fieldset>
  );
}
