// The CSV file of the customer and contact import (ADR 0046): its columns, and an
// example to download whose headers and values are in the user's language (the server
// reads headers and values in Portuguese, Spanish and English alike).
import type { TFunction } from '../../shared/i18n/i18n';

export const PARTY_CSV_COLUMNS = [
  'code',
  'kind',
  'name',
  'tax_id',
  'email',
  'phone',
  'whatsapp',
  'birthday',
  'branch',
  'owner',
  'contact_name',
  'contact_email',
  'contact_phone',
  'contact_whatsapp',
  'contact_birthday',
] as const;

export type PartyCsvColumn = (typeof PARTY_CSV_COLUMNS)[number];

function cell(v: string): string {
  return /[",;\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Tax ids of the example: a CNPJ and a CPF in Brazil, an RFC in Mexico. */
function exampleTaxIds(locale: string): [string, string] {
  return locale === 'es' ? ['', 'GODE-561231-GR8'] : ['11.222.333/0001-81', '529.982.247-25'];
}

/**
 * A small `;`-separated file: a customer with two contact persons (two lines) and a
 * prospect without one.
 */
export function examplePartyCsv(t: TFunction, locale: string, owner = 'joao'): string {
  const [companyTaxId, personTaxId] = exampleTaxIds(locale);
  const dmy = locale === 'en' ? (iso: string) => iso : (iso: string) => iso.split('-').reverse().join('/');
  const phone = locale === 'es' ? ['55 5123 4567', '55 9876 5432'] : ['(11) 3456-7890', '(11) 98765-4321'];
  const row = (values: Partial<Record<PartyCsvColumn, string>>) => PARTY_CSV_COLUMNS.map((c) => values[c] ?? '');
  const company = {
    code: 'C-90001',
    kind: t('partyImport.example.customer'),
    name: t('partyImport.example.name1'),
    tax_id: companyTaxId,
  };
  const rows: string[][] = [
    row({
      ...company,
      email: 'contato@example.com',
      phone: phone[0],
      whatsapp: t('partyImport.example.no'),
      owner,
      contact_name: t('partyImport.example.contact1'),
      contact_email: 'rita@example.com',
      contact_phone: phone[1],
      contact_whatsapp: t('partyImport.example.yes'),
      contact_birthday: dmy('1985-03-15'),
    }),
    row({ ...company, contact_name: t('partyImport.example.contact2'), contact_email: 'pedro@example.com' }),
    row({
      code: 'C-90002',
      kind: t('partyImport.example.prospect'),
      name: t('partyImport.example.name2'),
      tax_id: personTaxId,
      email: 'ana@example.com',
      phone: phone[1],
      whatsapp: t('partyImport.example.yes'),
      birthday: dmy('1990-07-20'),
    }),
  ];
  const header = PARTY_CSV_COLUMNS.map((c) => t(`partyImport.header.${c}`));
  return [header.join(';'), ...rows.map((r) => r.map(cell).join(';'))].join('\r\n') + '\r\n';
}
