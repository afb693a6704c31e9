// The form logic of the service cycle's questionnaires (manual 003, ADR 0039), kept apart
// from the screens so it is tested on its own: the editor's form and the request it
// sends, the checks the browser can make before the server judges, the answer form per
// kind and the words of a stored answer. Field keys are the server's paths
// (`questions[2].options`, `answers[3]`) so its errors land on the same fields.
import type {
  AnswerSet,
  AnswerValue,
  Question,
  QuestionInput,
  QuestionKind,
  Questionnaire,
  QuestionnaireInput,
} from '../../shared/api/types';
import { ApiError } from '../../shared/api/client';
import { fieldErrorsOf } from '../../shared/components/errors';
import { formatDate, numberFormat } from '../../shared/format';
import type { TFunction } from '../../shared/i18n/i18n';

export const QUESTION_KINDS: QuestionKind[] = ['text', 'yes_no', 'choice', 'number', 'date'];
/** The server's limits (domain/questionnaire). */
export const MAX_QUESTIONS = 50;
export const MAX_OPTIONS = 30;
export const MAX_TEXT_ANSWER = 2000;

// ---- The editor ----

export interface QuestionForm {
  /** Stable key of the row while it is moved around. */
  uid: number;
  text: string;
  kind: QuestionKind;
  required: boolean;
  /** A choice's options, one per line. */
  options: string;
  min: string;
  max: string;
}

export interface QuestionnaireForm {
  title: string;
  questions: QuestionForm[];
}

let uids = 1;

export function questionForm(q?: Question): QuestionForm {
  return {
    uid: uids++,
    text: q?.text ?? '',
    kind: q?.kind ?? 'text',
    required: q?.required ?? false,
    options: (q?.options ?? []).join('\n'),
    min: q?.min === null || q?.min === undefined ? '' : String(q.min),
    max: q?.max === null || q?.max === undefined ? '' : String(q.max),
  };
}

export function questionnaireForm(q?: Questionnaire): QuestionnaireForm {
  return { title: q?.title ?? '', questions: q ? q.questions.map((x) => questionForm(x)) : [questionForm()] };
}

export function optionsOf(text: string): string[] {
  return text
    .split('\n')
    .map((o) => o.trim())
    .filter(Boolean);
}

/** A bound typed with a decimal comma ("2,5") or point; '' is no bound, NaN is not a number. */
export function parseNumber(s: string): number | null {
  const v = s.trim().replace(',', '.');
  if (!v) return null;
  return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : NaN;
}

/** The request: each question carries only the members of its kind. */
export function toQuestionnaireInput(f: QuestionnaireForm): QuestionnaireInput {
  return {
    title: f.title.trim(),
    questions: f.questions.map((q): QuestionInput => {
      const base: QuestionInput = { text: q.text.trim(), kind: q.kind, required: q.required };
      if (q.kind === 'choice') return { ...base, options: optionsOf(q.options) };
      if (q.kind === 'number') return { ...base, min: parseNumber(q.min), max: parseNumber(q.max) };
      return base;
    }),
  };
}

/** What the browser can tell before sending; the server judges the rest the same way. */
export function checkQuestionnaire(f: QuestionnaireForm, t: TFunction): Record<string, string> {
  const out: Record<string, string> = {};
  if (!f.title.trim()) out.title = t('validation.required');
  if (!f.questions.length) out.questions = t('questionnaire.needsQuestion');
  if (f.questions.length > MAX_QUESTIONS) out.questions = t('questionnaire.tooMany', { max: MAX_QUESTIONS });
  f.questions.forEach((q, i) => {
    const at = `questions[${i}]`;
    if (!q.text.trim()) out[`${at}.text`] = t('validation.required');
    if (q.kind === 'choice') {
      const opts = optionsOf(q.options);
      if (opts.length < 2 || opts.length > MAX_OPTIONS)
        out[`${at}.options`] = t('questionnaire.optionsCount', { max: MAX_OPTIONS });
      else if (new Set(opts).size !== opts.length) out[`${at}.options`] = t('questionnaire.optionsDistinct');
    }
    if (q.kind === 'number') {
      const min = parseNumber(q.min);
      const max = parseNumber(q.max);
      if (Number.isNaN(min)) out[`${at}.min`] = t('questionnaire.notNumber');
      if (Number.isNaN(max)) out[`${at}.max`] = t('questionnaire.notNumber');
      if (min !== null && max !== null && !Number.isNaN(min) && !Number.isNaN(max) && min > max)
        out[`${at}.max`] = t('questionnaire.maxBelowMin');
    }
  });
  return out;
}

/** The form's field ids, in screen order, for focusing the first one with an error. */
export function editorFieldId(key: string): string {
  const m = /^questions\[(\d+)\]\.(\w+)$/.exec(key);
  if (m) return `qq-${m[1]}-${m[2]}`;
  if (key === 'title') return 'qn-title';
  if (key === 'questions') return 'qn-add';
  return '';
}

export function firstErrorKey(errors: Record<string, string>, order: string[]): string | null {
  for (const k of order) if (errors[k]) return k;
  const rest = Object.keys(errors);
  return rest.length ? rest[0] : null;
}

/**
 * The server's field errors at exactly the paths it named: a message about
 * `questions[1].options` belongs to that field, not also to the list as a whole.
 */
export function serverFieldErrors(err: unknown, t: TFunction): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  const named = new Set(err.errors.map((e) => e.field));
  return Object.fromEntries(Object.entries(fieldErrorsOf(err, t)).filter(([k]) => named.has(k)));
}

/** Puts the focus on the field of the first error, once the errors are on screen. */
export function focusFirstError(errors: Record<string, string>, order: string[], idOf: (key: string) => string) {
  const key = firstErrorKey(errors, order);
  const id = key ? idOf(key) : '';
  if (!id) return;
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

/** The keys of the editor in screen order. */
export function editorOrder(f: QuestionnaireForm): string[] {
  const keys = ['title', 'questions'];
  f.questions.forEach((_, i) => {
    for (const m of ['text', 'kind', 'options', 'min', 'max']) keys.push(`questions[${i}].${m}`);
  });
  return keys;
}

// ---- Answering ----

/** What the user typed or chose for one question: yes/no as 'yes' | 'no' | ''. */
export type Draft = string;

/** The stored answers as drafts, when they answered this version; else blanks. */
export function draftsOf(q: Questionnaire, stored: AnswerSet | null | undefined): Draft[] {
  return q.questions.map((question, i) => {
    if (!stored || stored.version !== q.version) return '';
    const v = stored.items[i]?.value;
    if (v === null || v === undefined) return '';
    if (question.kind === 'yes_no') return v === true ? 'yes' : v === false ? 'no' : '';
    return String(v);
  });
}

/** The request's answers, one per question in order; blanks are null. */
export function toAnswers(questions: Question[], drafts: Draft[]): AnswerValue[] {
  return questions.map((q, i) => {
    const d = drafts[i] ?? '';
    if (q.kind === 'text') return d.trim() ? d : null;
    if (!d.trim()) return null;
    if (q.kind === 'yes_no') return d === 'yes';
    if (q.kind === 'number') {
      const n = parseNumber(d);
      return n === null ? null : n;
    }
    return d;
  });
}

/** Required answers missing, numbers out of bounds, texts too long: keyed `answers[i]`. */
export function checkAnswers(questions: Question[], drafts: Draft[], t: TFunction): Record<string, string> {
  const out: Record<string, string> = {};
  questions.forEach((q, i) => {
    const key = `answers[${i}]`;
    const d = (drafts[i] ?? '').trim();
    if (!d) {
      if (q.required) out[key] = t('validation.required');
      return;
    }
    if (q.kind === 'text' && (drafts[i] ?? '').length > MAX_TEXT_ANSWER)
      out[key] = t('questionnaire.tooLong', { max: MAX_TEXT_ANSWER });
    if (q.kind === 'choice' && !q.options.includes(drafts[i])) out[key] = t('problem.invalid_value');
    if (q.kind === 'date' && !isCivilDate(d)) out[key] = t('questionnaire.badDate');
    if (q.kind === 'number') {
      const n = parseNumber(d);
      if (n === null || Number.isNaN(n)) out[key] = t('questionnaire.notNumber');
      else if ((q.min !== null && n < q.min) || (q.max !== null && n > q.max)) out[key] = rangeText(q, t);
    }
  });
  return out;
}

export function rangeText(q: Pick<Question, 'min' | 'max'>, t: TFunction): string {
  if (q.min !== null && q.max !== null) return t('questionnaire.between', { min: q.min, max: q.max });
  if (q.min !== null) return t('questionnaire.atLeast', { min: q.min });
  if (q.max !== null) return t('questionnaire.atMost', { max: q.max });
  return '';
}

function isCivilDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number);
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** A stored answer in the viewer's words: yes/no spelled, a date as the locale writes it. */
export function answerText(item: { kind: QuestionKind; value: AnswerValue }, t: TFunction, locale: string): string {
  const v = item.value;
  if (v === null || v === '') return '—';
  if (item.kind === 'yes_no') return v === true ? t('common.yes') : t('common.no');
  if (item.kind === 'date' && typeof v === 'string') return formatDate(v, locale);
  if (item.kind === 'number' && typeof v === 'number') return numberFormat(locale).format(v);
  return String(v);
}
