import type { DocumentKind, DocumentStatus, Role } from '../../shared/api/types';

export const DOCUMENT_KINDS: DocumentKind[] = ['quote', 'sales_order', 'sale', 'service_order'];
export const DOCUMENT_STATUSES: DocumentStatus[] = ['open', 'completed', 'cancelled'];

/** Admins and supervisors write documents and import them; everyone reads (as the server). */
export function canWriteDocuments(role: Role): boolean {
  return role === 'admin' || role === 'supervisor';
}

/** A quantity typed with a comma or a point ("1,5" or "1.5"); NaN when it is not a number. */
export function parseQuantity(text: string): number {
  const s = text.trim().replace(/\s/g, '');
  if (!/^\d+([.,]\d+)?$/.test(s)) return Number.NaN;
  return Number(s.replace(',', '.'));
}
