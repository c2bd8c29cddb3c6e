import type { ReactNode } from 'react';

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  /** The cell that names the row: a row header (th scope=row) for screen readers. */
  rowHeader?: boolean;
}

/**
 * A table with a caption and column headers; a row can be marked (e.g. overdue) with a class and a text. Wider than
 * the screen it scrolls in its own region; on a phone (styles.css, `.tabel-stapel`) its rows stack, each cell under its
 * column's name. The explicit roles keep it a table for screen readers whose browser drops table semantics when the
 * cells are shown as blocks.
 */
export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  rowClass,
  empty,
}: {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  rowClass?: (row: T) => string | undefined;
  empty: string;
}) {
  if (rows.length === 0) return <p className="leeg">{empty}</p>;
  return (
    <div className="tabel-houder tabel-stapel" role="region" aria-label={caption} tabIndex={0}>
      <table className="utrecht-table utrecht-table--html-table" role="table">
        <caption className="utrecht-table__caption">{caption}</caption>
        <thead className="utrecht-table__header" role="rowgroup">
          <tr className="utrecht-table__row" role="row">
            {columns.map((c) => (
              <th key={c.header} scope="col" className="utrecht-table__header-cell" role="columnheader">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="utrecht-table__body" role="rowgroup">
          {rows.map((row) => (
            <tr key={rowKey(row)} className={`utrecht-table__row ${rowClass?.(row) ?? ''}`.trim()} role="row">
              {columns.map((c) =>
                c.rowHeader ? (
                  <th key={c.header} scope="row" className="utrecht-table__header-cell" role="rowheader" data-kolom={c.header}>
                    {c.cell(row)}
                  </th>
                ) : (
                  <td key={c.header} className="utrecht-table__cell" role="cell" data-kolom={c.header}>
                    {c.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
