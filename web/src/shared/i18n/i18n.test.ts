import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGS, LOCALES, pickLocale, translate } from './i18n';
import { joinCatalog } from './join.mjs';

const SRC = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'test' ? [] : sourceFiles(p);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

const files = sourceFiles(SRC);

/** Every translation key the code names literally, in t('…') or t(`…`) without ${}. */
function literalKeys(): Set<string> {
  const keys = new Set<string>();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/\bt\(\s*(['`])([\w.-]+)\1/g)) keys.add(m[2]);
  }
  return keys;
}

function has(locale: (typeof LOCALES)[number], key: string): boolean {
  const c = CATALOGS[locale];
  return key in c || `${key}_other` in c;
}

describe('translation catalogs', () => {
  it('are joined from one file per key prefix, a key elsewhere refused', () => {
    const joined = joinCatalog({
      'es/nav.json': { 'nav.agenda': 'Mis actividades' },
      'es/login.json': { 'login.go': 'Entrar' },
    });
    expect(joined).toEqual({ 'nav.agenda': 'Mis actividades', 'login.go': 'Entrar' });
    expect(() => joinCatalog({ 'es/nav.json': { 'login.go': 'Entrar' } })).toThrow('belongs in login.json');
  });

  it('have one file per prefix in every language, the same files', () => {
    const files = (l: string) =>
      readdirSync(join(SRC, 'i18n', l))
        .filter((n) => n.endsWith('.json'))
        .sort();
    expect(files('es')).toEqual(files('pt-BR'));
    expect(files('en')).toEqual(files('pt-BR'));
  });

  it('have the same keys in pt-BR, es and en', () => {
    const base = Object.keys(CATALOGS['pt-BR']).sort();
    expect(Object.keys(CATALOGS.es).sort()).toEqual(base);
    expect(Object.keys(CATALOGS.en).sort()).toEqual(base);
  });

  it('have no empty message', () => {
    for (const l of LOCALES)
      for (const [k, v] of Object.entries(CATALOGS[l])) expect(v.trim(), `${l} ${k}`).not.toBe('');
  });

  it('keep the same placeholders in every language', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [k, v] of Object.entries(CATALOGS['pt-BR'])) {
      for (const l of ['es', 'en'] as const) {
        const other = CATALOGS[l][k];
        // A zero form may leave {count} out.
        if (k.endsWith('_zero')) continue;
        expect(names(other), `${l} ${k}`).toEqual(names(v));
      }
    }
  });

  it('contain every key the code uses literally', () => {
    const missing = [...literalKeys()].filter((k) => LOCALES.some((l) => !has(l, k)));
    expect(missing).toEqual([]);
  });

  it('contain every key the code builds from enumerations', () => {
    const built = [
      ...['planned', 'done', 'cancelled'].map((s) => `action.status.${s}`),
      ...['users', 'branches', 'contact-types', 'categories', 'catalog', 'settings', 'mail', 'templates'].map(
        (s) => `admin.section.${s}`,
      ),
      ...['manual', 'after_sale', 'service_done', 'birthday', 'calendar', 'api', 'import'].map((o) => `origin.${o}`),
      ...['product', 'service'].map((k) => `catalog.kindName.${k}`),
      ...['quote', 'sales_order', 'sale', 'service_order'].map((k) => `document.kind.${k}`),
      ...['open', 'completed', 'cancelled'].map((s) => `document.status.${s}`),
      ...['queued', 'running', 'done', 'failed'].map((s) => `import.status.${s}`),
      ...[
        'kind',
        'number',
        'date',
        'customer_code',
        'status',
        'completed_on',
        'seller',
        'item_code',
        'quantity',
        'description',
      ].map((c) => `import.col.${c}`),
      ...['orders', 'services', 'followups', 'birthdays', 'done'].flatMap((d) => [
        `calendar.tab.${d}`,
        `calendar.empty.${d}`,
      ]),
      ...['off', 'each', 'digest'].map((m) => `admin.emailRemindersMode.${m}`),
      ...['reminder', 'mail_failed', 'mail_blocked', 'bulk_change', 'reopen_request', 'reopen_decision'].map(
        (k) => `notifications.kind.${k}`,
      ),
      ...['text', 'yes_no', 'choice', 'number', 'date'].map((k) => `questionnaire.kind.${k}`),
      ...['reassign', 'move', 'close'].flatMap((a) => [`bulk.action.${a}`, `bulk.title.${a}`]),
      ...['reassign_in', 'reassign_out', 'move', 'close'].map((w) => `notifications.bulk.${w}`),
      ...['15m', '1h', 'tomorrow', 'next_business_day'].map((c) => `notifications.snoozeFor.${c}`),
      ...['queued', 'sent', 'failed', 'blocked'].map((s) => `mail.state.${s}`),
      ...['reminder', 'customer', 'manual', 'digest', 'test'].map((k) => `mail.kind.${k}`),
      ...['queued', 'sent', 'retry', 'failed', 'blocked'].map((e) => `mail.event.${e}`),
      ...['none', 'starttls', 'tls'].map((m) => `mailAdmin.securityMode.${m}`),
      ...['reminder', 'customer', 'digest'].flatMap((k) => [`templates.kindName.${k}`, `templates.kindHint.${k}`]),
      ...['overdue', 'today', 'upcoming'].flatMap((w) => [`agenda.empty.${w}`, `agenda.section.${w}`]),
      ...['mine', 'branch', 'all'].map((s) => `agenda.scope.${s}`),
      ...['note', 'complaint', 'internal', 'email', 'result', 'status'].map((k) => `entry.kind.${k}`),
      ...LOCALES.map((l) => `language.${l}`),
      ...['today', 'overdue', 'open', 'closed'].flatMap((s) => [`legend.${s}`, `state.${s}`]),
      ...['followup', 'complaint', 'internal'].flatMap((k) => [`notes.label.${k}`, `notes.tab.${k}`]),
      ...['customer', 'supplier', 'prospect'].map((k) => `party.kind.${k}`),
      ...['high', 'medium', 'low'].map((p) => `priority.${p}`),
      ...['admin', 'supervisor', 'agent'].map((r) => `role.${r}`),
      ...[
        'user',
        'branch',
        'setting',
        'contact_type',
        'category',
        'template',
        'catalog_item',
        'party',
        'document',
        'smtp',
      ].map((e) => `audit.entity.${e}`),
      ...['create', 'update', 'delete', 'anonymise', 'export'].map((a) => `audit.action.${a}`),
    ];
    const missing = built.filter((k) => LOCALES.some((l) => !has(l, k)));
    expect(missing).toEqual([]);
  });

  it('are the only place of user-visible text in the components', () => {
    // Text between JSX tags that is not an expression: allowed are the brand, symbols
    // and product names that are not translated.
    const allowed = new Set(['Retorno', 'R', 'WhatsApp', 'PDF', '×', '☰', '☎', '✆', '▲', '▼', '↕', '—', '·', '*']);
    const offenders: string[] = [];
    const jsxText = [/>([^<>{}\n]+)<\//g, />[ \t]*\n[ \t]*([^<>{}\n]+?)[ \t]*\n[ \t]*<\/?[a-zA-Z]/g];
    for (const f of files.filter((x) => x.endsWith('.tsx'))) {
      const text = readFileSync(f, 'utf8');
      for (const re of jsxText) {
        for (const m of text.matchAll(re)) {
          const words = m[1].trim();
          if (!/[A-Za-zÀ-ÿ]/.test(words) || /[;=()]/.test(words) || allowed.has(words)) continue;
          offenders.push(`${relative(SRC, f)}: ${words}`);
        }
      }
      for (const m of text.matchAll(/\b(?:aria-label|title|placeholder|alt)="([^"]+)"/g)) {
        offenders.push(`${relative(SRC, f)}: ${m[0]}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe('translate', () => {
  it('fills placeholders', () => {
    expect(translate('pt-BR', 'followup.title', { id: 12 })).toBe('Follow Up nº 12');
    expect(translate('en', 'followup.title', { id: 12 })).toBe('Follow-up #12');
  });

  it('picks plural forms by the locale', () => {
    expect(translate('pt-BR', 'followup.daysLate', { count: 1 })).toBe('1 dia de atraso');
    expect(translate('pt-BR', 'followup.daysLate', { count: 5 })).toBe('5 dias de atraso');
    expect(translate('es', 'followup.daysLate', { count: 2 })).toBe('2 días de retraso');
    expect(translate('en', 'followup.daysLate', { count: 1 })).toBe('1 day late');
  });

  it('uses the zero form when there is one', () => {
    expect(translate('pt-BR', 'alert.overdue', { count: 0 })).toBe('nenhum atrasado');
    expect(translate('en', 'alert.message', { count: 0, overdue: 'x' })).toBe(
      'You have no returns for today (x). View them?',
    );
  });

  it('builds the alert of manual 001', () => {
    const overdue = translate('pt-BR', 'alert.overdue', { count: 1 });
    expect(translate('pt-BR', 'alert.message', { count: 3, overdue })).toBe(
      'Você tem 3 retornos para hoje (1 atrasado). Deseja visualizá-los?',
    );
  });

  it('falls back to pt-BR, then to the key', () => {
    expect(translate('en', 'no.such.key')).toBe('no.such.key');
  });

  it('maps browser languages to a supported locale', () => {
    expect(pickLocale('es-MX')).toBe('es');
    expect(pickLocale('en-US')).toBe('en');
    expect(pickLocale('pt-PT')).toBe('pt-BR');
    expect(pickLocale('fr')).toBe('pt-BR');
    expect(pickLocale(undefined)).toBe('pt-BR');
  });
});
