import type { DocumentKind, DocumentStatus, Me } from '../../shared/api/types';
import { hasRight } from '../../shared/rights';

export const DOCUMENT_KINDS: DocumentKind[] = ['quote', 'sales_order', 'sale', 'service_order'];
export const DOCUMENT_STATUSES: DocumentStatus[] = ['open', 'completed', 'cancelled'];

/**
 * Writing and importing documents needs the create_documents right (admins and
 * supervisors by default, ADR 0040); everyone reads (as the server).
 */
export function canWriteDocuments(me: Me): boolean {
  return hasRight(me, 'create_documents');
}

/** A quantity typed with a comma or a point ("1,5" or "1.5"); NaN when it is not a number. */
export function parseQuantity(text: string): number {
  const s = text.trim().replace(/\s/g, '');
  if (!/^\d+([.,]\d+)?$/.test(s)) return Number.NaN;
  return Number(s.replace(',', '.'));
}
