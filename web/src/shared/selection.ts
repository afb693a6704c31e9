// Rows picked in a list for a change to many at once (the bulk changes of ADR 0034).
// The list owns the picking; the feature that acts on the picked rows receives this,
// so the list and that feature never import each other (the app puts them together).
import type { FollowupFilters } from './api/types';

export interface FollowupSelection {
  /** The ids picked by hand, in the order they were picked. */
  ids: number[];
  /** Every follow-up matching `filters` is meant, not only the picked ones. */
  allMatching: boolean;
  /** The list's filters (for "all matching"), as its query string reads them. */
  filters: FollowupFilters;
  /** How many follow-ups match the filters (null: unknown yet). */
  total: number | null;
  selectAllMatching: () => void;
  clear: () => void;
  /** After a change: unpick everything and read the list again. */
  done: () => void;
}

/** What the app gives a list to act on its picked rows (nothing: no checkboxes). */
export type SelectionBar = (selection: FollowupSelection) => React.ReactNode;
