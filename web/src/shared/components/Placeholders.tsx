// Placeholders of the e-mail templates (#{cliente}, #{contato|cliente}…): the clickable
// list that inserts one at the cursor of the subject or body being edited.
import type { Placeholder, TemplatePreview } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { Notice } from './Notice';

/** "#{cliente}" for "cliente" (and the same text for "#{cliente}"). */
export function tokenOf(name: string): string {
  return /^#\{.*\}$/.test(name) ? name : `#{${name}}`;
}

/** `value` with `token` in place of the selection [start, end); the caret goes after it. */
export function insertAt(
  value: string,
  start: number | null,
  end: number | null,
  token: string,
): { value: string; caret: number } {
  const s = Math.max(0, Math.min(start ?? value.length, value.length));
  const e = Math.max(s, Math.min(end ?? s, value.length));
  return { value: value.slice(0, s) + token + value.slice(e), caret: s + token.length };
}

/**
 * Inserts `token` in the input or textarea `id` at its cursor; `set` receives the new
 * value, and the cursor is put back right after the token.
 */
export function insertIntoField(id: string, value: string, token: string, set: (v: string) => void): void {
  const el = document.getElementById(id) as HTMLInputElement | HTMLTextAreaElement | null;
  const r = insertAt(value, el?.selectionStart ?? null, el?.selectionEnd ?? null, token);
  set(r.value);
  if (!el) return;
  setTimeout(() => {
    el.focus();
    try {
      el.setSelectionRange(r.caret, r.caret);
    } catch {
      // Inputs of some types have no selection.
    }
  }, 0);
}

interface Props {
  placeholders: Placeholder[];
  onInsert: (token: string) => void;
  id?: string;
}

export function PlaceholderList({ placeholders, onInsert, id }: Props) {
  const { t, locale } = useI18n();
  if (!placeholders.length) return null;
  return (
    <div className="placeholders" id={id}>
      <p className="field-hint">{t('placeholders.hint')}</p>
      <ul className="chips">
        {placeholders.map((p) => {
          // Offered in the user's language; every language's name renders the same.
          const token = tokenOf(p.names?.[locale as 'pt-BR' | 'es' | 'en'] ?? p.name);
          return (
            <li key={p.name}>
              <button
                type="button"
                className="chip"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => onInsert(token)}
                aria-label={t('placeholders.insert', { token, example: p.example })}
                title={p.example}
              >
                <code>{token}</code>
                {p.example ? <span className="chip-example">{p.example}</span> : null}
              </button>
            </li>
          );
        })}
      </ul>
      <p className="field-hint">{t('placeholders.fallback')}</p>
    </div>
  );
}

/** A rendered subject and body, and the placeholders that had no value (not sent so). */
export function PreviewResult({ result }: { result: TemplatePreview }) {
  const { t } = useI18n();
  return (
    <div className="mail-preview" data-testid="preview">
      {result.missing.length ? (
        <Notice kind="warning">
          {t('templates.previewMissing', { list: result.missing.map(tokenOf).join(', ') })}
        </Notice>
      ) : (
        <Notice kind="success">{t('templates.previewComplete')}</Notice>
      )}
      <span className="field-label">{t('templates.subject')}</span>
      <div className="mail-preview-subject">{result.subject}</div>
      <span className="field-label">{t('templates.body')}</span>
      <pre className="mail-preview-body">{result.body}</pre>
    </div>
  );
}
