// The proposals of a follow-up (manual 003, "Proposta"): make one from a layout and,
// optionally, one of the follow-up's documents (its items and totals) with a validity;
// "Consultar variáveis"; each proposal's PDF and sending it to the contact (the sent
// e-mail lands in the history); the person's earlier proposals; and printing or
// e-mailing a visit sheet ("Ficha de visita") from a visit-sheet layout.
import { useState } from 'react';
import { ApiError } from '../../shared/api/client';
import { api } from '../../shared/api/endpoints';
import type { Followup, Proposal } from '../../shared/api/types';
import { Notice } from '../../shared/components/Notice';
import { errorMessage } from '../../shared/components/errors';
import { formatDate, formatInstant } from '../../shared/format';
import { useAsync } from '../../shared/hooks/useAsync';
import { useI18n } from '../../shared/i18n/i18n';
import { Link } from '../../shared/router';
import { useUserTime } from '../../shared/session';
import { proposalApi, proposalPdfUrl, visitSheetUrl } from './proposalApi';
import { VariablesList } from './VariablesList';
import './proposals.css';

/** Every message of a refusal: the field errors name what is missing or wrong. */
function problems(e: unknown, t: (k: string) => string): string[] {
  if (e instanceof ApiError && e.errors.length) return e.errors.map((x) => x.message);
  return [errorMessage(e, t)];
}

interface PanelProps {
  followup: Followup;
  canChange: boolean;
  /** After a proposal is made or sent: reload the follow-up (attachments, history) and say it. */
  onChanged: (message: string) => void;
}

/** Closed until asked for: the page of a follow-up loads none of it otherwise. */
export function ProposalsPanel(props: PanelProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  if (open) return <ProposalsBody {...props} />;
  return (
    <section className="panel" aria-labelledby="sec-proposals">
      <div className="panel-head">
        <h2 id="sec-proposals">{t('proposals.title')}</h2>
        <button type="button" className="btn btn-small btn-ghost" onClick={() => setOpen(true)}>
          {t('proposals.open')}
        </button>
      </div>
    </section>
  );
}

function ProposalsBody({ followup, canChange, onChanged }: PanelProps) {
  const { t, locale } = useI18n();
  const { timeZone } = useUserTime();
  const layouts = useAsync(() => proposalApi.layouts(), []);
  const docs = useAsync(() => api.followupDocuments(followup.id), [followup.id, followup.version]);
  const mine = useAsync(() => proposalApi.ofFollowup(followup.id), [followup.id, followup.version]);
  const earlier = useAsync(() => proposalApi.ofParty(followup.party.id), [followup.party.id, followup.version]);
  const [templateId, setTemplateId] = useState(0);
  const [documentId, setDocumentId] = useState(0);
  const [validUntil, setValidUntil] = useState('');
  const [sheetId, setSheetId] = useState(0);
  const [showVariables, setShowVariables] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const active = (layouts.data ?? []).filter((l) => l.active);
  const proposalLayouts = active.filter((l) => l.kind === 'proposal');
  const sheetLayouts = active.filter((l) => l.kind === 'visit_sheet');
  const chosen = templateId || proposalLayouts[0]?.id || 0;
  const sheet = sheetId || sheetLayouts[0]?.id || 0;
  const others = (earlier.data ?? []).filter((p) => p.followup_id !== followup.id);

  const run = async (work: () => Promise<string>) => {
    setErrors([]);
    setBusy(true);
    try {
      onChanged(await work());
    } catch (e) {
      setErrors(problems(e, t));
    } finally {
      setBusy(false);
    }
  };
  const make = () =>
    run(async () => {
      const p = await proposalApi.make(followup.id, {
        template_id: chosen,
        ...(documentId ? { document_id: documentId } : {}),
        ...(validUntil ? { valid_until: validUntil } : {}),
      });
      mine.reload();
      return t('proposals.made', { id: p.id });
    });
  const send = (p: Proposal) =>
    run(async () => {
      const q = await proposalApi.send(p.id);
      mine.reload();
      return t('proposals.queued', { to: q.to.join(', ') });
    });
  const sendSheet = () =>
    run(async () => {
      const q = await proposalApi.sendVisitSheet(followup.id, sheet);
      return t('proposals.queued', { to: q.to.join(', ') });
    });

  const row = (p: Proposal, withFollowup: boolean) => (
    <li key={p.id} className="proposal">
      <div>
        <strong>{t('proposals.number', { id: p.id })}</strong> · {p.template.name}
        {p.document ? <span> · {p.document.number}</span> : null}
        {withFollowup ? (
          <span>
            {' · '}
            <Link to={`/followups/${p.followup_id}`}>{t('proposals.followup', { id: p.followup_id })}</Link>
          </span>
        ) : null}
      </div>
      <div className="muted">
        {formatInstant(p.created_at, locale, timeZone)} · {p.created_by.name}
        {p.valid_until ? (
          <span> · {t('proposals.validUntilShort', { date: formatDate(p.valid_until, locale) })}</span>
        ) : null}
        {p.sent_at ? (
          <span> · {t('proposals.sentAt', { when: formatInstant(p.sent_at, locale, timeZone) })}</span>
        ) : null}
      </div>
      <div className="toolbar">
        <a className="btn btn-small btn-ghost" href={proposalPdfUrl(p.id)} target="_blank" rel="noopener">
          {t('proposals.pdf')}
        </a>
        {canChange && !withFollowup ? (
          <button type="button" className="btn btn-small" disabled={busy} onClick={() => void send(p)}>
            {t('proposals.send')}
          </button>
        ) : null}
      </div>
    </li>
  );

  return (
    <section className="panel" aria-labelledby="sec-proposals">
      <div className="panel-head">
        <h2 id="sec-proposals">{t('proposals.title')}</h2>
        <button type="button" className="btn btn-small btn-ghost" onClick={() => setShowVariables((v) => !v)}>
          {t('proposals.variables')}
        </button>
      </div>
      {showVariables ? <VariablesList /> : null}
      {errors.length ? (
        <Notice kind="error">
          {errors.map((m) => (
            <div key={m}>{m}</div>
          ))}
        </Notice>
      ) : null}
      {canChange ? (
        proposalLayouts.length ? (
          <div className="proposal-form">
            <label>
              {t('proposals.layout')}
              <select value={chosen} onChange={(e) => setTemplateId(Number(e.target.value))}>
                {proposalLayouts.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('proposals.document')}
              <select value={documentId} onChange={(e) => setDocumentId(Number(e.target.value))}>
                <option value={0}>{t('proposals.noDocument')}</option>
                {(docs.data?.items ?? []).map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.number}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('proposals.validUntil')}
              <input type="date" value={validUntil} onChange={(e) => setValidUntil(e.target.value)} />
            </label>
            <button type="button" className="btn btn-small" disabled={busy || !chosen} onClick={() => void make()}>
              {t('proposals.make')}
            </button>
          </div>
        ) : (
          <p className="muted">{t('proposals.noLayouts')}</p>
        )
      ) : null}
      {mine.error ? <Notice kind="error">{errorMessage(mine.error, t)}</Notice> : null}
      {!mine.loading && !(mine.data ?? []).length ? <p className="muted">{t('proposals.none')}</p> : null}
      <ul className="proposals">{(mine.data ?? []).map((p) => row(p, false))}</ul>
      {others.length ? (
        <>
          <h3 className="subhead">{t('proposals.earlier', { name: followup.party.name })}</h3>
          <ul className="proposals">{others.map((p) => row(p, true))}</ul>
        </>
      ) : null}
      {sheetLayouts.length ? (
        <>
          <h3 className="subhead">{t('proposals.visitSheet')}</h3>
          <div className="proposal-form">
            <label>
              {t('proposals.layout')}
              <select value={sheet} onChange={(e) => setSheetId(Number(e.target.value))}>
                {sheetLayouts.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
              </select>
            </label>
            <a
              className="btn btn-small btn-ghost"
              href={visitSheetUrl(followup.id, sheet)}
              target="_blank"
              rel="noopener"
            >
              {t('proposals.print')}
            </a>
            {canChange ? (
              <button type="button" className="btn btn-small" disabled={busy} onClick={() => void sendSheet()}>
                {t('proposals.sendSheet')}
              </button>
            ) : null}
          </div>
        </>
      ) : null}
    </section>
  );
}
