// The questionnaires of an attendance type ("Ciclo de atendimento", manual 003; ADR 0039),
// for admins and users granted configure_attendance: the list (retired ones greyed, never
// deleted: answers refer to them), and the editor of one — a title and questions, each
// with its text, kind (text, yes/no, choice, number, date), options for a choice, bounds
// for a number, and whether it is required. The whole list is saved at once; changing the
// questions makes a new version, and answers given before keep the texts they answered.
// The server's errors land on the field they name (`questions[2].options`), and a failed
// save puts the focus on the first field in error.
import { useEffect, useState, type FormEvent } from 'react';
import type { Questionnaire, QuestionKind } from '../../shared/api/types';
import { CheckboxField, SelectField, TextArea, TextField } from '../../shared/components/Field';
import { ExportMenu } from '../../shared/components/ExportMenu';
import { Notice } from '../../shared/components/Notice';
import { PageHeader } from '../../shared/components/PageHeader';
import { Loading } from '../../shared/components/Spinner';
import { errorMessage } from '../../shared/components/errors';
import { useAsync } from '../../shared/hooks/useAsync';
import { useUnsavedChanges } from '../../shared/hooks/useUnsavedChanges';
import { useI18n } from '../../shared/i18n/i18n';
import { Link } from '../../shared/router';
import { attendanceTypesPath, hasRight } from '../../shared/rights';
import { useMe } from '../../shared/session';
import { attendanceApi } from './attendanceApi';
import {
  QUESTION_KINDS,
  checkQuestionnaire,
  editorFieldId,
  editorOrder,
  focusFirstError,
  serverFieldErrors,
  questionForm,
  questionnaireForm,
  toQuestionnaireInput,
  type QuestionForm,
  type QuestionnaireForm,
} from './questionnaireForm';

export function QuestionnairesAdmin({ typeId }: { typeId: number }) {
  const { t } = useI18n();
  const me = useMe();
  const types = useAsync(() => attendanceApi.types(), []);
  const list = useAsync(() => attendanceApi.questionnaires(typeId), [typeId]);
  const [editing, setEditing] = useState<Questionnaire | 'new' | null>(null);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const type = types.data?.find((x) => x.id === typeId);

  const setActive = async (q: Questionnaire, active: boolean) => {
    setBusy(true);
    setError('');
    try {
      await attendanceApi.patchQuestionnaire(typeId, q.id, { active });
      setNotice(
        active ? t('questionnaire.reactivated', { title: q.title }) : t('questionnaire.retired', { title: q.title }),
      );
      list.reload();
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={`${t('questionnaire.titleOf')} — ${type?.name ?? ''}`}>
        <Link to={attendanceTypesPath(me)} className="btn">
          {t('workflow.back')}
        </Link>
      </PageHeader>
      <p className="muted">{t('questionnaire.intro')}</p>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      <section className="panel" aria-labelledby="qn-list">
        <h2 id="qn-list">{t('questionnaire.list')}</h2>
        {list.error ? <Notice kind="error">{errorMessage(list.error, t)}</Notice> : null}
        {list.loading && !list.data ? <Loading /> : null}
        {list.data && !list.data.length ? <p className="empty">{t('questionnaire.none')}</p> : null}
        {list.data?.length ? (
          <table className="grid grid-compact">
            <caption className="sr-only">{t('questionnaire.list')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('questionnaire.title')}</th>
                <th scope="col">{t('questionnaire.questions')}</th>
                <th scope="col">{t('questionnaire.version')}</th>
                <th scope="col">{t('admin.status')}</th>
                <th scope="col">
                  <span className="sr-only">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((q) => (
                <tr key={q.id} className={q.active ? undefined : 'row-retired'}>
                  <td data-label={t('questionnaire.title')}>{q.title}</td>
                  <td data-label={t('questionnaire.questions')}>{q.questions.length}</td>
                  <td data-label={t('questionnaire.version')}>{q.version}</td>
                  <td data-label={t('admin.status')}>{q.active ? t('attendance.active') : t('attendance.retired')}</td>
                  <td>
                    <div className="row-actions">
                      <button
                        type="button"
                        className="btn btn-small"
                        aria-label={t('questionnaire.editOf', { title: q.title })}
                        onClick={() => {
                          setNotice('');
                          setEditing(q);
                        }}
                      >
                        {t('common.edit')}
                      </button>
                      <button
                        type="button"
                        className="btn btn-small"
                        disabled={busy}
                        aria-label={
                          q.active
                            ? t('questionnaire.retireOf', { title: q.title })
                            : t('questionnaire.reactivateOf', { title: q.title })
                        }
                        onClick={() => void setActive(q, !q.active)}
                      >
                        {q.active ? t('attendance.retire') : t('attendance.reactivate')}
                      </button>
                      {hasRight(me, 'export') ? (
                        <ExportMenu
                          path={`/questionnaires/${q.id}/answers/export`}
                          filters={{}}
                          fileName={t('questionnaire.fileName')}
                        />
                      ) : null}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {editing === null ? (
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => {
              setNotice('');
              setEditing('new');
            }}
          >
            {t('questionnaire.new')}
          </button>
        ) : null}
      </section>
      {editing !== null ? (
        <QuestionnaireEditor
          key={editing === 'new' ? 'new' : editing.id}
          typeId={typeId}
          questionnaire={editing === 'new' ? undefined : editing}
          onCancel={() => setEditing(null)}
          onSaved={(q, created) => {
            setEditing(null);
            setNotice(
              created
                ? t('questionnaire.created', { title: q.title })
                : t('questionnaire.saved', { version: q.version }),
            );
            list.reload();
          }}
        />
      ) : null}
    </>
  );
}

function QuestionnaireEditor({
  typeId,
  questionnaire,
  onCancel,
  onSaved,
}: {
  typeId: number;
  questionnaire?: Questionnaire;
  onCancel: () => void;
  onSaved: (q: Questionnaire, created: boolean) => void;
}) {
  const { t } = useI18n();
  const [form, setForm] = useState<QuestionnaireForm>(() => questionnaireForm(questionnaire));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [dirty, setDirty] = useState(false);
  useUnsavedChanges(dirty);

  useEffect(() => {
    document.getElementById('qn-title')?.focus();
  }, []);

  const change = (next: QuestionnaireForm) => {
    setForm(next);
    setDirty(true);
  };
  const setQuestion = (i: number, patch: Partial<QuestionForm>) =>
    change({ ...form, questions: form.questions.map((q, j) => (j === i ? { ...q, ...patch } : q)) });
  const move = (i: number, by: number) => {
    const j = i + by;
    if (j < 0 || j >= form.questions.length) return;
    const qs = [...form.questions];
    [qs[i], qs[j]] = [qs[j], qs[i]];
    change({ ...form, questions: qs });
  };

  const failed = (found: Record<string, string>) => {
    setErrors(found);
    focusFirstError(found, editorOrder(form), editorFieldId);
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError('');
    const local = checkQuestionnaire(form, t);
    if (Object.keys(local).length) {
      setError(t('validation.fixFields'));
      failed(local);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const body = toQuestionnaireInput(form);
      const saved = questionnaire
        ? await attendanceApi.patchQuestionnaire(typeId, questionnaire.id, body)
        : await attendanceApi.createQuestionnaire(typeId, body);
      setDirty(false);
      onSaved(saved, !questionnaire);
    } catch (err) {
      setError(errorMessage(err, t));
      failed(serverFieldErrors(err, t));
    } finally {
      setBusy(false);
    }
  };

  const kindLabel = (k: QuestionKind) => t(`questionnaire.kind.${k}`);
  return (
    <section className="panel" aria-labelledby="qn-editor">
      <h2 id="qn-editor">
        {questionnaire ? t('questionnaire.editOf', { title: questionnaire.title }) : t('questionnaire.new')}
      </h2>
      {questionnaire ? <p className="muted small">{t('questionnaire.versionHint')}</p> : null}
      <form onSubmit={(e) => void save(e)} noValidate aria-labelledby="qn-editor">
        {error ? <Notice kind="error">{error}</Notice> : null}
        <TextField
          id="qn-title"
          label={t('questionnaire.title')}
          value={form.title}
          maxLength={120}
          required
          error={errors.title}
          onChange={(e) => change({ ...form, title: e.target.value })}
        />
        {errors.questions ? <Notice kind="error">{errors.questions}</Notice> : null}
        <ol className="question-list">
          {form.questions.map((q, i) => {
            const at = `questions[${i}]`;
            return (
              <li key={q.uid} className="panel question-item" aria-label={t('questionnaire.questionN', { n: i + 1 })}>
                <div className="form-row">
                  <TextField
                    id={`qq-${i}-text`}
                    label={t('questionnaire.questionText')}
                    value={q.text}
                    maxLength={300}
                    required
                    error={errors[`${at}.text`]}
                    onChange={(e) => setQuestion(i, { text: e.target.value })}
                  />
                  <SelectField
                    id={`qq-${i}-kind`}
                    label={t('questionnaire.kind')}
                    value={q.kind}
                    error={errors[`${at}.kind`]}
                    onChange={(e) => setQuestion(i, { kind: e.target.value as QuestionKind })}
                  >
                    {QUESTION_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {kindLabel(k)}
                      </option>
                    ))}
                  </SelectField>
                </div>
                <CheckboxField
                  id={`qq-${i}-required`}
                  label={t('questionnaire.required')}
                  checked={q.required}
                  onChange={(e) => setQuestion(i, { required: e.target.checked })}
                />
                {q.kind === 'choice' ? (
                  <TextArea
                    id={`qq-${i}-options`}
                    label={t('questionnaire.options')}
                    hint={t('questionnaire.optionsHint')}
                    rows={4}
                    value={q.options}
                    error={errors[`${at}.options`]}
                    onChange={(e) => setQuestion(i, { options: e.target.value })}
                  />
                ) : null}
                {q.kind === 'number' ? (
                  <div className="form-row">
                    <TextField
                      id={`qq-${i}-min`}
                      label={t('questionnaire.min')}
                      inputMode="decimal"
                      value={q.min}
                      error={errors[`${at}.min`]}
                      onChange={(e) => setQuestion(i, { min: e.target.value })}
                    />
                    <TextField
                      id={`qq-${i}-max`}
                      label={t('questionnaire.max')}
                      inputMode="decimal"
                      value={q.max}
                      error={errors[`${at}.max`]}
                      onChange={(e) => setQuestion(i, { max: e.target.value })}
                    />
                  </div>
                ) : null}
                <div className="row-actions">
                  <button type="button" className="btn btn-small" disabled={i === 0} onClick={() => move(i, -1)}>
                    {t('workflow.up')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-small"
                    disabled={i === form.questions.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    {t('workflow.down')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-small btn-danger"
                    onClick={() => change({ ...form, questions: form.questions.filter((_, j) => j !== i) })}
                  >
                    {t('questionnaire.removeQuestion')}
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
        <div className="form-actions">
          <button
            id="qn-add"
            type="button"
            className="btn"
            onClick={() => change({ ...form, questions: [...form.questions, questionForm()] })}
          >
            {t('questionnaire.addQuestion')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('common.save')}
          </button>
          <button type="button" className="btn" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
