import { ROW_HEIGHT } from './grid-window.ts';

// Plain elements, styled once: a row is a tr of plain cells, not a table library's nest of wrappers.
export const GRID_CSS = `
.pods-grid { position: relative; overflow: auto; contain: strict; border: 1px solid var(--pods-line); border-radius: 4px; }
.pods-grid table, .pods-grid thead, .pods-grid tbody { display: block; border-spacing: 0; }
.pods-grid thead { position: sticky; top: 0; z-index: 1; }
.pods-grid tr { display: grid; grid-template-columns: var(--pods-columns); min-width: var(--pods-width); }
.pods-head { background: var(--pods-head-bg); border-bottom: 1px solid var(--pods-line); }
.pods-head > th { padding: 6px 8px; text-align: start; font-weight: 600; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; user-select: none; }
.pods-head > th[aria-sort] { cursor: pointer; }
.pods-head > th[aria-sort]:hover { background: var(--pods-hover); }
.pods-arrow { margin-inline-start: 4px; color: var(--pods-muted); }
.pods-arrow.on { color: var(--pods-primary); }
.pods-body { position: relative; min-width: var(--pods-width); }
.pods-row { position: absolute; left: 0; right: 0; height: ${ROW_HEIGHT}px; border-bottom: 1px solid var(--pods-line); contain: layout style paint; }
.pods-row:hover { background: var(--pods-hover); }
.pods-row > td { padding: 0 8px; line-height: ${ROW_HEIGHT - 1}px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.pods-row a { color: var(--pods-link); }
.pods-warn { color: var(--pods-warn); }
.pods-tag { display: inline-block; padding: 0 7px; line-height: 20px; border: 1px solid; border-radius: 4px; font-size: 12px; margin-inline-start: 4px; }
.pods-row > td > .pods-tag.status { margin-inline-start: 0; }
.pods-tag.good { color: var(--pods-good); background: var(--pods-good-bg); border-color: var(--pods-good-line); }
.pods-tag.busy { color: var(--pods-busy); background: var(--pods-busy-bg); border-color: var(--pods-busy-line); }
.pods-tag.bad { color: var(--pods-bad); background: var(--pods-bad-bg); border-color: var(--pods-bad-line); }
.pods-tag.warn { color: var(--pods-warn); background: var(--pods-warn-bg); border-color: var(--pods-warn-line); }
.pods-tag.plain { color: var(--pods-text); background: var(--pods-head-bg); border-color: var(--pods-line); }
.pods-empty { display: block; grid-column: 1 / -1; padding: 24px 0; }
`;
