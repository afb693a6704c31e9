// The proposal and visit-sheet layouts (manual 003): HTML with #{variables}, checked
// when saved (an unknown variable is named) and sanitized by the server, which says what
// it took out (scripts, handlers, styles, links, images). "Consultar variáveis" beside
// the editor lists what a layout may write.
import { useState } from 'react';
import { ApiError } from '../../shared/api/client';
import type { ProposalLayoutKind, ProposalTemplate } from '../../shared/api/types';
import { Notice } from '../../shared/components/Notice';
import { errorMessage } from '../../shared/components/errors';
import { useAsync } from '../../shared/hooks/useAsync';
import { useI18n } from '../../shared/i18n/i18n';
import { proposalApi } from './proposalApi';
import { VariablesList } from './VariablesList';
import './proposals.css';

interface Draft {
  id: number | null;
  name: string;
  kind: ProposalLayoutKind;
  html: string;
  active: boolean;
}

const EMPTY: Draft = { id: null, name: '', kind: 'proposal', html: '', active: true };

export function ProposalTemplatesAdmin() {
  const { t } = useI18n();
  const list = useAsync(() => proposalApi.layouts(), []);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<string[]>([]);
  const [saved, setSaved] = useState('');

  const edit = (l: ProposalTemplate) => {
    setDraft({ id: l.id, name: l.name, kind: l.kind, html: l.html, active: l.active });
    setErrors([]);
    setSaved('');
  };
  const save = async () => {
    setErrors([]);
    setSaved('');
    const input = { name: draft.name, kind: draft.kind, html: draft.html, active: draft.active };
    try {
      const l = draft.id ? await proposalApi.changeLayout(draft.id, input) : await proposalApi.createLayout(input);
      edit(l);
      const removed = l.removed ?? [];
      setSaved(removed.length ? t('proposals.savedRemoved', { what: removed.join(', ') }) : t('proposals.saved'));
      list.reload();
    } catch (e) {
      setErrors(e instanceof ApiError && e.errors.length ? e.errors.map((x) => x.message) : [errorMessage(e, t)]);
    }
  };

  return (
    <div className="layouts-admin">
      <section className="panel" aria-labelledby="sec-layouts">
        <div className="panel-head">
          <h2 id="sec-layouts">{t('proposals.layouts')}</h2>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              setDraft(EMPTY);
              setErrors([]);
              setSaved('');
            }}
          >
            {t('proposals.newLayout')}
          </button>
        </div>
        {list.error ? <Notice kind="error">{errorMessage(list.error, t)}</Notice> : null}
        <ul className="proposals">
          {(list.data ?? []).map((l) => (
            <li key={l.id} className="proposal">
              <button type="button" className="btn btn-small btn-ghost" onClick={() => edit(l)}>
                {l.name}
              </button>{' '}
              <span className="muted">
                {t(`proposals.kind.${l.kind}`)}
                {l.active ? '' : ` · ${t('proposals.inactive')}`}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section className="panel" aria-labelledby="sec-layout-edit">
        <h2 id="sec-layout-edit">{draft.id ? draft.name : t('proposals.newLayout')}</h2>
        {errors.length ? (
          <Notice kind="error">
            {errors.map((m) => (
              <div key={m}>{m}</div>
            ))}
          </Notice>
        ) : null}
        {saved ? <Notice kind="info">{saved}</Notice> : null}
        <div className="proposal-form">
          <label>
            {t('proposals.name')}
            <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
          </label>
          <label>
            {t('proposals.kindLabel')}
            <select
              value={draft.kind}
              onChange={(e) => setDraft({ ...draft, kind: e.target.value as ProposalLayoutKind })}
            >
              <option value="proposal">{t('proposals.kind.proposal')}</option>
              <option value="visit_sheet">{t('proposals.kind.visit_sheet')}</option>
            </select>
          </label>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={draft.active}
              onChange={(e) => setDraft({ ...draft, active: e.target.checked })}
            />
            {t('proposals.active')}
          </label>
        </div>
        <label>
          {t('proposals.html')}
          <textarea
            className="layout-html"
            value={draft.html}
            onChange={(e) => setDraft({ ...draft, html: e.target.value })}
          />
        </label>
        <div className="toolbar">
          <button type="button" className="btn" onClick={() => void save()}>
            {t('proposals.save')}
          </button>
        </div>
        <h3 className="subhead">{t('proposals.variables')}</h3>
        <VariablesList />
      </section>
    </div>
  );
}
