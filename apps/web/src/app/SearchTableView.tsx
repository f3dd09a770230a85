import { Input, Space, Table, type TableColumnType, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { ErrorNotice } from './ErrorNotice.tsx';
import { useI18n } from './i18n.tsx';
import type { useSearchTable } from './use-search-table.ts';

/** What the view reads of `useSearchTable`. */
type SearchTable = Pick<
  ReturnType<typeof useSearchTable>,
  'answer' | 'filters' | 'change' | 'onSort' | 'sortOrder'
>;

/**
 * One kind's rows as `useSearchTable` answers them: name and label-selector filters, a note on the
 * data's freshness, the error with a retry, and a table sorted by the server whose rows open on click.
 */
export function SearchTableView<Row extends { name: string }>(props: {
  table: SearchTable;
  rows: Row[];
  labels: { name: string; selector: string; empty: string };
  freshness: ReactNode;
  onOpen(row: Row): void;
  columns: TableColumnType<Row>[];
}) {
  const { table, labels } = props;
  const { answer } = table;
  return (
    <>
      <Space wrap style={{ marginBottom: 8 }}>
        {(['name', 'selector'] as const).map((filter) => (
          <Input.Search
            key={filter}
            allowClear
            style={{ width: filter === 'name' ? 220 : 280 }}
            placeholder={labels[filter]}
            aria-label={labels[filter]}
            defaultValue={table.filters[filter]}
            onSearch={(value) => table.change({ [filter]: value.trim() })}
          />
        ))}
      </Space>
      {props.freshness}
      {answer.error && <ErrorNotice error={answer.error} onRetry={() => void answer.refetch()} />}
      <Table<Row>
        size="small"
        rowKey="name"
        loading={answer.isPending || (answer.isFetching && answer.isPlaceholderData)}
        dataSource={props.rows}
        pagination={false}
        locale={{ emptyText: labels.empty }}
        onChange={(_, __, sorter) => table.onSort(sorter)}
        onRow={(row) => ({ onClick: () => props.onOpen(row), style: { cursor: 'pointer' } })}
        columns={props.columns}
      />
    </>
  );
}

/** The name column, sorted by the server, shown as the link that opens the row. */
export function nameColumn<Row extends { name: string }>(
  table: SearchTable,
  title: string,
): TableColumnType<Row> {
  return {
    title,
    key: 'name',
    sorter: true,
    sortOrder: table.sortOrder('name'),
    render: (_, row) => <Typography.Link>{row.name}</Typography.Link>,
  };
}

/** The age column, sorted by the server: how long ago the row was made, the time itself on hover. */
export function ageColumn<Row extends { createdAt?: string | null }>(
  table: SearchTable,
  title: string,
  now: number,
): TableColumnType<Row> {
  return {
    title,
    key: 'created',
    sorter: true,
    sortOrder: table.sortOrder('created'),
    render: (_, row) => <Age at={row.createdAt} now={now} />,
  };
}

/** How long ago, with the date and time on hover; a dash when unknown. */
function Age({ at, now }: { at: string | null | undefined; now: number }) {
  const { format } = useI18n();
  return at ? <Tooltip title={format.dateTime(at)}>{format.ago(at, now)}</Tooltip> : '–';
}
