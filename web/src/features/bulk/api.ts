// The bulk changes' one call, typed from the OpenAPI document.
import { http } from '../../shared/api/client';
import type { components } from '../../shared/api/schema';
import type { FollowupSelection } from '../../shared/selection';

export type BulkInput = components['schemas']['BulkInput'];
export type BulkResult = components['schemas']['BulkResult'];
export type BulkAction = BulkInput['action'];

/** The list's filters as the bulk request's `filter` (page and order left out). */
export function filterOf(selection: FollowupSelection): NonNullable<BulkInput['filter']> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(selection.filters)) {
    if (v === undefined || v === null || v === '' || k === 'sort' || k === 'limit') continue;
    out[k] = typeof v === 'number' ? v : String(v);
  }
  return out as NonNullable<BulkInput['filter']>;
}

export const bulkApi = {
  apply: (body: BulkInput) => http.post<BulkResult>('/followups/bulk', body),
};
