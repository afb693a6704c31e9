// Reading back the files the exports write: CSV as Excel in Brazil reads it (BOM, `;`,
// CRLF, quotes doubled), XLSX through openpyxl, PDF through pdftotext.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// Debian's python3, where python3-openpyxl is installed (not one a version manager put first).
export const PYTHON = '/usr/bin/python3';

export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') { row.push(field); field = ''; }
    else if (ch === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += ch;
  }
  assert.equal(field, '', 'the last record ends with CRLF');
  return rows;
}

/** The rows of a CSV answer, after checking its UTF-8 byte-order mark. */
export function csvRows(res) {
  assert.deepEqual([...res.buf.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a BOM');
  return parseCsv(res.buf.subarray(3).toString('utf8'));
}

export function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60000 });
  if (r.error) throw r.error;
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** An XLSX answer read back by openpyxl: its rows (dates as "YYYY-MM-DD HH:MM") and its
 * second sheet (the head: company, title, filters, totals). */
export function xlsxSheets(res, dir, name = 'report.xlsx') {
  const file = path.join(dir, name);
  fs.writeFileSync(file, res.buf);
  return JSON.parse(run(PYTHON, ['-c', `
import json, sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
def cell(v):
    if isinstance(v, datetime.datetime): return v.strftime('%Y-%m-%d %H:%M')
    return v
rows = [[cell(v) for v in r] for r in wb.worksheets[0].iter_rows(values_only=True)]
about = [[v for v in r] for r in wb.worksheets[1].iter_rows(values_only=True)]
print(json.dumps({'rows': rows, 'about': about}))
`, file]));
}

/** The text of a PDF answer (pdftotext -layout) and its page count. */
export function pdfText(res, dir, name = 'report.pdf') {
  const file = path.join(dir, name);
  fs.writeFileSync(file, res.buf);
  const text = run('pdftotext', ['-layout', file, '-']);
  const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [file]))[1]);
  return { text, pages };
}
