import { Button, Empty, Flex, Space, Spin, type TablePaginationConfig, Typography } from 'antd';
import { useEffect } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { ListSearch } from './ListSearch.tsx';
import { type ListAddress, PAGE_SIZES } from './list-address.ts';

/** The count of matching rows, with a small spinner while a new page is on its way. */
export function ListCount({ text, busy }: { text: string | undefined; busy: boolean }) {
  return (
    <Space size={6}>
      {text && <Typography.Text type="secondary">{text}</Typography.Text>}
      {busy && <Spin size="small" />}
    </Space>
  );
}

/** A list's head: its text filter (?q=) and count at the left, a create button at the right. */
export function ListHead({
  list,
  placeholder,
  count,
  busy,
  create,
}: {
  list: ListAddress<string>;
  placeholder: string;
  count: string | undefined;
  busy: boolean;
  /** Absent where the user may not create. */
  create?: { text: string; onClick(): void };
}) {
  return (
    <Flex justify="space-between" align="center" wrap gap={8}>
      <Space wrap>
        <ListSearch value={list.get('q')} onSearch={(q) => list.change({ q })} placeholder={placeholder} />
        <ListCount text={count} busy={busy} />
      </Space>
      {create && (
        <Button type="primary" onClick={create.onClick}>
          {create.text}
        </Button>
      )}
    </Flex>
  );
}

/** An empty list: why, and a way out when filters emptied it. */
export function ListEmpty({ text, onClear }: { text: string; onClear: (() => void) | undefined }) {
  const { t } = useI18n();
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text}>
      {onClear && <Button onClick={onClear}>{t('people.list.clearFilters')}</Button>}
    </Empty>
  );
}

/** The table's pager over the server's pages: the address's page and size, the server's total. */
export function useListPagination(
  list: ListAddress<string>,
  total: number | undefined,
): TablePaginationConfig {
  const { t, format } = useI18n();
  // Past the end (the last rows were removed, or an old link): go to the last page there is.
  const last = total === undefined ? undefined : Math.max(1, Math.ceil(total / list.size));
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new last page moves the list
  useEffect(() => {
    if (last !== undefined && list.page > last) list.change({ page: last > 1 ? last : undefined });
  }, [last, list.page]);
  return {
    current: list.page,
    pageSize: list.size,
    total: total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: PAGE_SIZES.map(String),
    hideOnSinglePage: (total ?? 0) <= PAGE_SIZES[0],
    showTotal: (all, [from, to]) =>
      t('people.list.range', { from: format.number(from), to: format.number(to), total: format.number(all) }),
  };
}
