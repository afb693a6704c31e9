// The CSV file of the document import: its columns, and an example to download.
import type { TFunction } from '../../shared/i18n/i18n';

export const CSV_COLUMNS = [
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
] as const;

function cell(v: string): string {
  return /[",;\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** A small file in the expected format: two items of one sale, one service order. */
export function exampleCsv(t: TFunction, seller = 'joao'): string {
  const rows: string[][] = [
    [
      'sale',
      '4471',
      '2026-11-20',
      'C-90001',
      'completed',
      '2026-11-20',
      seller,
      'COMP-12',
      '1',
      t('import.example.item1'),
    ],
    [
      'sale',
      '4471',
      '2026-11-20',
      'C-90001',
      'completed',
      '2026-11-20',
      seller,
      'INST-01',
      '1',
      t('import.example.item2'),
    ],
    [
      'service_order',
      'OS-318',
      '21/11/2026',
      'C-90002',
      'open',
      '',
      seller,
      'MANUT-PREV',
      '2',
      t('import.example.item3'),
    ],
  ];
  return [CSV_COLUMNS.join(','), ...rows.map((r) => r.map(cell).join(','))].join('\r\n') + '\r\n';
}

export function csvDataUrl(text: string): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(text)}`;
}
