import { theme } from 'antd';
import { memo, type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { I18n } from '../../app/i18n.tsx';
import { GRID_CSS } from './grid-style.ts';
import { blockAt, ROW_HEIGHT, rowsToRender } from './grid-window.ts';
import { columnsOf, type Freshness, type RowContext } from './pod-columns.tsx';
import type { PodQuery, PodRow } from './pod-rows.ts';

/** One row: rendered again only when its pod, its place or the shared context changes. */
const GridRow = memo(function GridRow({
  row,
  index,
  context,
}: {
  row: PodRow;
  index: number;
  context: RowContext;
}) {
  return (
    <tr aria-rowindex={index + 2} className="pods-row" style={{ top: index * ROW_HEIGHT }}>
      {context.columns.map((column) => (
        <td key={column.key}>{column.cell(row, context)}</td>
      ))}
    </tr>
  );
});

export interface PodsGridProps {
  rows: PodRow[];
  /** Changes when a new filter, order or page is shown: the list scrolls back to its top. */
  listKey: string;
  height: number;
  withCluster: boolean;
  sort: PodQuery['sort'];
  order: PodQuery['order'];
  onSort(sort: PodQuery['sort'], order: PodQuery['order']): void;
  freshness: Map<string, Freshness>;
  /** Ages are written to the minute (Date.now() / 60,000): the rows render again at most once a minute for them. */
  minute: number;
  i18n: I18n;
  empty: ReactNode;
}

/**
 * The pods list: a header and only the rows in view (and a few around them), each a fixed height
 * and placed by its index, so scrolling mounts a handful of rows and a page read again renders
 * only the rows whose pods changed (unchanged rows keep their identity through the query cache).
 */
export const PodsGrid = memo(function PodsGrid(props: PodsGridProps) {
  const { rows, listKey, height, withCluster, sort, order, onSort, freshness, minute, i18n, empty } = props;
  const { t, format } = i18n;
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const scroller = useRef<HTMLDivElement>(null);
  const [first, setFirst] = useState(0);
  const columns = useMemo(() => columnsOf(t, withCluster), [t, withCluster]);
  const context = useMemo<RowContext>(
    () => ({ t, format, now: minute * 60_000, freshness, columns }),
    [t, format, minute, freshness, columns],
  );
  const width = columns.reduce((sum, column) => sum + column.width, 0);
  const template = columns
    .map((column) => (column.key === 'name' ? `minmax(${column.width}px, 1fr)` : `${column.width}px`))
    .join(' ');

  // biome-ignore lint/correctness/useExhaustiveDependencies: listKey is what the list shows
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
    setFirst(0);
  }, [listKey]);

  const onScroll = useCallback(() => {
    setFirst(blockAt(scroller.current?.scrollTop ?? 0));
  }, []);
  // A pod's link opens its page in the console (a plain link, so a new tab works as links do).
  const onClick = useCallback(
    (event: React.MouseEvent) => {
      const link = (event.target as HTMLElement).closest('a');
      if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
        return;
      event.preventDefault();
      navigate(link.getAttribute('href') ?? '/');
    },
    [navigate],
  );

  const { from, to } = rowsToRender(first, height, rows.length);
  const shown: ReactNode[] = [];
  for (let index = from; index < to; index++) {
    const row = rows[index] as PodRow;
    shown.push(<GridRow key={row.key} row={row} index={index} context={context} />);
  }
  const headerClick = (key: PodQuery['sort']) => {
    if (sort !== key) onSort(key, undefined);
    else if (order !== 'desc') onSort(key, 'desc');
    else onSort(undefined, undefined);
  };

  const style = {
    height,
    '--pods-columns': template,
    '--pods-width': `${width}px`,
    '--pods-line': token.colorBorderSecondary,
    '--pods-head-bg': token.colorFillAlter,
    '--pods-hover': token.controlItemBgHover,
    '--pods-muted': token.colorTextQuaternary,
    '--pods-primary': token.colorPrimary,
    '--pods-link': token.colorLink,
    '--pods-text': token.colorText,
    '--pods-warn': token.colorWarningText,
    '--pods-warn-bg': token.colorWarningBg,
    '--pods-warn-line': token.colorWarningBorder,
    '--pods-good': token.colorSuccessText,
    '--pods-good-bg': token.colorSuccessBg,
    '--pods-good-line': token.colorSuccessBorder,
    '--pods-busy': token.colorInfoText,
    '--pods-busy-bg': token.colorInfoBg,
    '--pods-busy-line': token.colorInfoBorder,
    '--pods-bad': token.colorErrorText,
    '--pods-bad-bg': token.colorErrorBg,
    '--pods-bad-line': token.colorErrorBorder,
  } as React.CSSProperties;

  return (
    // The click is a pod link's (keys follow links already); the scroll is the list's own.
    // biome-ignore lint/a11y/noStaticElementInteractions: see above
    // biome-ignore lint/a11y/useKeyWithClickEvents: see above
    <div
      ref={scroller}
      data-testid="pods-grid"
      className="pods-grid"
      style={style}
      onScroll={onScroll}
      onClick={onClick}
    >
      <style>{GRID_CSS}</style>
      <table aria-rowcount={rows.length + 1}>
        <thead>
          <tr aria-rowindex={1} className="pods-head">
            {columns.map((column) => {
              const on = column.sort !== undefined && sort === column.sort;
              if (!column.sort)
                return (
                  <th scope="col" key={column.key}>
                    {column.title}
                  </th>
                );
              return (
                <th
                  scope="col"
                  key={column.key}
                  tabIndex={0}
                  aria-sort={on ? (order === 'desc' ? 'descending' : 'ascending') : 'none'}
                  onClick={() => headerClick(column.sort)}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter' || event.key === ' ') {
                      event.preventDefault();
                      headerClick(column.sort);
                    }
                  }}
                >
                  {column.title}
                  <span aria-hidden className={`pods-arrow${on ? ' on' : ''}`}>
                    {on ? (order === 'desc' ? '▼' : '▲') : '↕'}
                  </span>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="pods-body" style={{ height: rows.length ? rows.length * ROW_HEIGHT : undefined }}>
          {rows.length === 0 ? (
            <tr>
              <td className="pods-empty">{empty}</td>
            </tr>
          ) : (
            shown
          )}
        </tbody>
      </table>
    </div>
  );
});
