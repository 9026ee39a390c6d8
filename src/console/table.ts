/**
 * The console's data tables, written one way: a caption, a head row of column names (`scope="col"`, so
 * a screen reader names each cell by its column) and a row a record. Cells go through the `html` tag
 * like every other value: escaped unless they are `Html` already.
 */
import { html, type Html, type Interpolation } from './html.js';

/** A column: its head, and what it shows of a row. */
export type Column<T> = readonly [head: string, cell: (row: T) => Interpolation];

export function table<T>(caption: Interpolation, rows: readonly T[], columns: readonly Column<T>[]): Html {
  // White space between the cells, as between hand-written ones: a row's text reads "a b", not "ab".
  const spaced = (cells: readonly Html[]): Interpolation => cells.flatMap((c) => ['\n', c]);
  return html`<table>
    <caption>
      ${caption}
    </caption>
    <thead>
      <tr>
        ${spaced(columns.map(([head]) => html`<th scope="col">${head}</th>`))}
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (row) =>
          html`<tr>
            ${spaced(columns.map(([, cell]) => html`<td>${cell(row)}</td>`))}
          </tr>`,
      )}
    </tbody>
  </table>`;
}
