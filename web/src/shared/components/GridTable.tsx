// A table in the app's grid style: wrapped so that it becomes cards below 720 px, named
// by a caption for screen readers (or by a heading beside it), with one row of column
// headers. The rows are the
// children; each cell names its column again in `data-label` for the card layout.
import type { ReactNode } from 'react';

export interface GridColumn {
  label: string;
  /** A number: aligned to the right. */
  num?: boolean;
  /** Named for screen readers only (a column of buttons). */
  hidden?: boolean;
}

/** A column: its label, or the label with how it is shown. */
export type GridColumnOf = string | GridColumn;

interface GridTableProps {
  /** The table's name, said only to screen readers. */
  caption?: string;
  /** Or the id of the visible heading that names it. */
  labelledBy?: string;
  columns: GridColumnOf[];
  compact?: boolean;
  children: ReactNode;
  /** Below the table, inside the wrapper: a count, "load more". */
  footer?: ReactNode;
}

export function GridTable({ caption, labelledBy, columns, compact, children, footer }: GridTableProps) {
  return (
    <div className="grid-wrap">
      <table className={compact ? 'grid grid-compact' : 'grid'} aria-labelledby={labelledBy}>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((column, i) => {
              const c = typeof column === 'string' ? { label: column } : column;
              return (
                <th key={i} scope="col" className={c.num ? 'num' : undefined}>
                  {c.hidden ? <span className="sr-only">{c.label}</span> : c.label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
      {footer}
    </div>
  );
}
