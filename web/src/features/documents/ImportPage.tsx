// Import sales documents from a CSV file (admins and supervisors): the file is sent as
// is, the server processes it in the background and the page asks for its progress every
// 300 ms (a progress bar of lines processed), then shows the summary and the lines it
// refused with the reason. The import's id is kept in the URL (?id=), so a reload follows
// it again. Below: the file format with an example to download, and the recent imports.
// The same page imports customers and contacts (ADR 0046, ?kind=parties): who may import
// both chooses between them; each kind has its own format, summary and recent list.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { MAX_IMPORT_BYTES, api } from '../../shared/api/endpoints';
import type { ImportJob, Me } from '../../shared/api/types';
import { TextField } from '../../shared/components/Field';
import { GridTable } from '../../shared/components/GridTable';
import { Loading } from '../../shared/components/Spinner';
import { Notice } from '../../shared/components/Notice';
import { PageHeader } from '../../shared/components/PageHeader';
import { errorMessage, problemText } from '../../shared/components/errors';
import { formatBytes, formatInstant } from '../../shared/format';
import { useAsync } from '../../shared/hooks/useAsync';
import { useI18n, type TFunction } from '../../shared/i18n/i18n';
import { Link, navigate, useSearchParams } from '../../shared/router';
import { useMe, useUserTime } from '../../shared/session';
import { PARTY_CSV_COLUMNS, examplePartyCsv } from './partyCsvFormat';
import { CSV_COLUMNS, csvDataUrl, exampleCsv } from './csvFormat';
import { canWriteDocuments } from './kinds';
import './documents.css';

export const POLL_MS = 300;
/** Lines with errors shown at once; the rest are counted. */
const MAX_ERROR_ROWS = 1000;

export const finished = (j: ImportJob) => j.status === 'done' || j.status === 'failed';

/** Percentage of lines processed (100 once done), or null while the total is unknown. */
export function importPercent(j: ImportJob): number | null {
  if (j.status === 'done') return 100;
  if (!j.total_lines) return null;
  return Math.min(100, Math.floor((j.processed_lines * 100) / j.total_lines));
}

export type ImportKind = 'documents' | 'parties';

/** The kinds of import the user may start, documents first. */
export function importKinds(me: Me): ImportKind[] {
  const kinds: ImportKind[] = [];
  if (canWriteDocuments(me)) kinds.push('documents');
  // Customers and contacts come under the same right as the documents (ADR 0046).
  if (canWriteDocuments(me)) kinds.push('parties');
  return kinds;
}

/** The page of an import of `kind`, following import `id` when given. */
export function importPath(kind: ImportKind, id?: number): string {
  const q = [kind === 'parties' ? 'kind=parties' : '', id ? `id=${id}` : ''].filter(Boolean).join('&');
  return `/documents/import${q ? `?${q}` : ''}`;
}

/** What an import did, in the order of its summary and of the list of recent imports. */
function importCounts(t: TFunction, kind: ImportKind) {
  if (kind === 'parties') {
    return [
      { label: t('partyImport.created'), of: (j: ImportJob) => j.parties_created },
      { label: t('partyImport.updated'), of: (j: ImportJob) => j.parties_updated },
      { label: t('partyImport.unchanged'), of: (j: ImportJob) => j.parties_unchanged },
      { label: t('partyImport.contactsCreated'), of: (j: ImportJob) => j.contacts_created },
      { label: t('import.errorLines'), of: (j: ImportJob) => j.error_lines, warn: true },
    ];
  }
  return [
    { label: t('import.created'), of: (j: ImportJob) => j.documents_created },
    { label: t('import.updated'), of: (j: ImportJob) => j.documents_updated },
    { label: t('import.unchanged'), of: (j: ImportJob) => j.documents_unchanged },
    { label: t('import.followupsCreated'), of: (j: ImportJob) => j.followups_created },
    { label: t('import.errorLines'), of: (j: ImportJob) => j.error_lines, warn: true },
  ];
}

export function ImportPage() {
  const { t } = useI18n();
  const me = useMe();
  const params = useSearchParams();
  const id = Number(params.get('id')) || 0;
  const recent = useAsync(() => api.imports(), []);
  const kinds = importKinds(me);
  const asked: ImportKind = params.get('kind') === 'parties' ? 'parties' : 'documents';
  const kind = kinds.includes(asked) ? asked : kinds[0];

  if (!kind) {
    return (
      <>
        <PageHeader title={t('import.title')} />
        <Notice kind="error">{t('import.onlyWriters')}</Notice>
      </>
    );
  }
  const mine = recent.data?.filter((j) => j.kind === kind);

  return (
    <>
      <PageHeader title={kind === 'parties' ? t('partyImport.title') : t('import.title')}>
        {kind === 'parties' ? (
          <Link to="/parties" className="btn">
            {t('parties.title')}
          </Link>
        ) : (
          <Link to="/documents" className="btn">
            {t('documents.title')}
          </Link>
        )}
      </PageHeader>
      {kinds.length > 1 ? <KindChooser kind={kind} kinds={kinds} /> : null}
      <div className="import-layout">
        <div>
          <UploadForm
            key={kind}
            kind={kind}
            onStarted={(job) => {
              navigate(importPath(kind, job.id), { replace: true });
              recent.reload();
            }}
          />
          {id ? <ImportProgress key={id} id={id} onFinished={recent.reload} /> : null}
        </div>
        {kind === 'parties' ? <PartyFormatHelp /> : <FormatHelp />}
      </div>
      <section className="panel" aria-labelledby="imp-recent">
        <h2 id="imp-recent">{t('import.recent')}</h2>
        {recent.error ? <Notice kind="error">{errorMessage(recent.error, t)}</Notice> : null}
        {recent.loading && !recent.data ? <Loading /> : null}
        {mine && mine.length === 0 ? <p className="empty">{t('import.noRecent')}</p> : null}
        {mine && mine.length ? <RecentImports items={mine} current={id} kind={kind} /> : null}
      </section>
    </>
  );
}

/** Documents or customers and contacts, for who may import both. */
function KindChooser({ kind, kinds }: { kind: ImportKind; kinds: ImportKind[] }) {
  const { t } = useI18n();
  return (
    <fieldset className="import-kind" aria-label={t('partyImport.kindLabel')}>
      <legend>{t('partyImport.kindLabel')}</legend>
      {kinds.map((k) => (
        <label key={k} className={`import-kind-option ${k === kind ? 'is-current' : ''}`}>
          <input
            type="radio"
            name="import-kind"
            value={k}
            checked={k === kind}
            onChange={() => navigate(importPath(k), { replace: true })}
          />
          {t(`partyImport.kind.${k}`)}
        </label>
      ))}
    </fieldset>
  );
}

function UploadForm({ kind, onStarted }: { kind: ImportKind; onStarted: (job: ImportJob) => void }) {
  const { t, locale } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [fieldError, setFieldError] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!file) {
      setFieldError(t('import.chooseFile'));
      return;
    }
    if (file.size > MAX_IMPORT_BYTES) {
      setFieldError(t('import.tooLarge', { size: formatBytes(file.size, locale) }));
      return;
    }
    setFieldError('');
    setError('');
    setBusy(true);
    try {
      onStarted(await (kind === 'parties' ? api.importParties(file) : api.importDocuments(file)));
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="imp-upload">
      <h2 id="imp-upload">{t('import.file')}</h2>
      {error ? <Notice kind="error">{error}</Notice> : null}
      <form className="inline-form" onSubmit={submit} noValidate>
        <TextField
          id="imp-file"
          label={t('import.fileLabel')}
          type="file"
          accept=".csv,text/csv"
          required
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setFieldError('');
          }}
          error={fieldError}
          hint={t('import.fileHint')}
        />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('import.sending') : t('import.send')}
        </button>
      </form>
      {busy ? (
        <div className="progress" role="progressbar" aria-label={t('import.sending')}>
          <div className="progress-bar is-indeterminate" />
        </div>
      ) : null}
    </section>
  );
}

/** Follows one import every 300 ms until it is done or failed. */
function useImportJob(id: number, onFinished: () => void) {
  const [job, setJob] = useState<ImportJob | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const finishedRef = useRef(onFinished);
  finishedRef.current = onFinished;

  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ctrl = new AbortController();
    const tick = () => {
      api.importJob(id, ctrl.signal).then(
        (j) => {
          if (!alive) return;
          setJob(j);
          setError(null);
          if (finished(j)) finishedRef.current();
          else timer = setTimeout(tick, POLL_MS);
        },
        (err: unknown) => {
          if (alive) setError(err);
        },
      );
    };
    tick();
    return () => {
      alive = false;
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [id, attempt]);

  return { job, error, retry: () => setAttempt((a) => a + 1) };
}

function ImportProgress({ id, onFinished }: { id: number; onFinished: () => void }) {
  const { t } = useI18n();
  const { job, error, retry } = useImportJob(id, onFinished);

  return (
    <section className="panel" aria-labelledby="imp-progress-title" data-import={id}>
      <h2 id="imp-progress-title">{job ? t('import.ofFile', { name: job.file_name }) : t('import.progressTitle')}</h2>
      {error ? (
        <Notice
          kind="error"
          actions={
            <button type="button" className="btn btn-small" onClick={retry}>
              {t('import.retry')}
            </button>
          }
        >
          {errorMessage(error, t)}
        </Notice>
      ) : null}
      {!job && !error ? <Loading /> : null}
      {job ? <ImportState job={job} /> : null}
    </section>
  );
}

export function ImportState({ job }: { job: ImportJob }) {
  const { t } = useI18n();
  const kind: ImportKind = job.kind === 'parties' ? 'parties' : 'documents';
  const pct = importPercent(job);
  const done = finished(job);
  const lines = t('import.lines', { processed: job.processed_lines, total: job.total_lines });
  return (
    <>
      <p className={`import-status import-${job.status}`} aria-live="polite">
        {t(`import.status.${job.status}`)}
      </p>
      <div className="import-progress">
        <span className="field-label" id={`imp-bar-${job.id}`}>
          {t('import.progress')}
        </span>
        <div
          className="progress"
          role="progressbar"
          aria-labelledby={`imp-bar-${job.id}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct ?? undefined}
          aria-valuetext={pct === null ? t(`import.status.${job.status}`) : t('import.valueText', { lines, pct })}
        >
          <div
            className={`progress-bar ${pct === null ? 'is-indeterminate' : ''} ${job.status === 'failed' ? 'is-failed' : ''}`}
            style={pct === null ? undefined : { width: `${pct}%` }}
          />
        </div>
        <span className="muted small">{pct === null ? lines : t('import.valueText', { lines, pct })}</span>
      </div>
      {job.status === 'failed' ? <Notice kind="error">{t('import.failed')}</Notice> : null}
      {done ? (
        <dl className="import-summary" aria-label={t('import.summary')}>
          {importCounts(t, kind).map((c) => (
            <Stat key={c.label} label={c.label} value={c.of(job)} warn={c.warn && c.of(job) > 0} />
          ))}
        </dl>
      ) : null}
      {job.errors.length ? <ErrorTable job={job} /> : null}
      {done && job.status === 'done' ? (
        <p>
          {kind === 'parties' ? (
            <Link to="/parties">{t('partyImport.seeParties')}</Link>
          ) : (
            <Link to="/documents">{t('import.seeDocuments')}</Link>
          )}
        </p>
      ) : null}
    </>
  );
}

function Stat({ label, value, warn }: { label: string; value: number; warn?: boolean }) {
  return (
    <div className={`stat ${warn ? 'stat-warn' : ''}`}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function ErrorTable({ job }: { job: ImportJob }) {
  const { t } = useI18n();
  const rows = job.errors.slice(0, MAX_ERROR_ROWS);
  return (
    <div className="import-errors">
      <h3 id={`imp-errors-${job.id}`}>{t('import.errorsTitle')}</h3>
      <GridTable
        labelledBy={`imp-errors-${job.id}`}
        columns={[{ label: t('import.line'), num: true }, t('import.field'), t('import.message')]}
        compact
      >
        {rows.map((e, i) => (
          <tr key={`${e.line}-${e.field}-${i}`}>
            <td data-label={t('import.line')} className="num">
              {e.line}
            </td>
            <td data-label={t('import.field')} className="code">
              {e.field || '—'}
            </td>
            <td data-label={t('import.message')}>{problemText(e.code, t) || t('error.invalidValue')}</td>
          </tr>
        ))}
      </GridTable>
      {job.errors.length > rows.length ? (
        <p className="muted">{t('import.moreErrors', { count: job.errors.length - rows.length })}</p>
      ) : null}
    </div>
  );
}

function FormatHelp() {
  const { t } = useI18n();
  const me = useMe();
  const example = exampleCsv(t, me.user.login);
  return (
    <section className="panel" aria-labelledby="imp-format">
      <h2 id="imp-format">{t('import.format')}</h2>
      <p>{t('import.formatIntro')}</p>
      <dl className="csv-columns" aria-label={t('import.columns')}>
        {CSV_COLUMNS.map((c) => (
          <div key={c}>
            <dt className="code">{c}</dt>
            <dd>{t(`import.col.${c}`)}</dd>
          </div>
        ))}
      </dl>
      <p className="field-hint">{t('import.formatRules')}</p>
      <pre className="csv-example" aria-label={t('import.example')}>
        {example}
      </pre>
      <a className="btn" href={csvDataUrl(example)} download={t('import.exampleFile')}>
        {t('import.download')}
      </a>
    </section>
  );
}

/** The columns of the party file with what each holds, the rules, and an example. */
function PartyFormatHelp() {
  const { t, locale } = useI18n();
  const me = useMe();
  const example = examplePartyCsv(t, locale, me.user.login);
  return (
    <section className="panel" aria-labelledby="imp-format">
      <h2 id="imp-format">{t('import.format')}</h2>
      <p>{t('partyImport.formatIntro')}</p>
      <dl className="csv-columns" aria-label={t('import.columns')}>
        {PARTY_CSV_COLUMNS.map((c) => (
          <div key={c}>
            <dt className="code">{t(`partyImport.header.${c}`)}</dt>
            <dd>{t(`partyImport.col.${c}`)}</dd>
          </div>
        ))}
      </dl>
      <p className="field-hint">{t('partyImport.formatRules')}</p>
      <pre className="csv-example" aria-label={t('import.example')}>
        {example}
      </pre>
      {/* With a BOM, so that Excel opens the accents right; the import reads it too. */}
      <a className="btn" href={csvDataUrl(`\uFEFF${example}`)} download={t('partyImport.exampleFile')}>
        {t('import.download')}
      </a>
    </section>
  );
}

function RecentImports({ items, current, kind }: { items: ImportJob[]; current: number; kind: ImportKind }) {
  const { t, locale } = useI18n();
  const { timeZone } = useUserTime();
  const counts = [{ label: t('import.linesLabel'), of: (j: ImportJob) => j.total_lines }, ...importCounts(t, kind)];
  return (
    <GridTable
      caption={t('import.recent')}
      columns={[
        t('import.fileLabel'),
        t('import.statusLabel'),
        t('import.sentAt'),
        ...counts.map((c) => ({ label: c.label, num: true })),
      ]}
      compact
    >
      {items.map((j) => (
        <tr key={j.id} className={j.id === current ? 'is-current' : ''}>
          <td data-label={t('import.fileLabel')}>
            <Link to={importPath(kind, j.id)} aria-current={j.id === current ? 'true' : undefined}>
              {j.file_name}
            </Link>
          </td>
          <td data-label={t('import.statusLabel')}>{t(`import.status.${j.status}`)}</td>
          <td data-label={t('import.sentAt')}>{formatInstant(j.created_at, locale, timeZone)}</td>
          {counts.map((c) => (
            <td key={c.label} data-label={c.label} className="num">
              {c.of(j)}
            </td>
          ))}
        </tr>
      ))}
    </GridTable>
  );
}
