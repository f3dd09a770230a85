import { Flex, Typography } from 'antd';
import { CursorPager } from '../../app/CursorPager.tsx';
import { useI18n } from '../../app/i18n.tsx';
import type { useCursorPages } from '../../app/use-search-table.ts';

export const SIZES = [20, 50, 100] as const;

/** Previous, Next, the page size and the count of a list the server pages by cursor. */
export function Pager(props: {
  pages: ReturnType<typeof useCursorPages>;
  next: string | undefined;
  waiting: boolean;
  total: number | undefined;
  size: number;
  onSize(size: number): void;
}) {
  const { t, format } = useI18n();
  return (
    <Flex justify="space-between" align="center" style={{ marginTop: 8 }} gap={8} wrap>
      <Typography.Text type="secondary" data-total={props.total ?? ''}>
        {props.total === undefined ? '' : t('backups.total', { count: format.number(props.total) })}
      </Typography.Text>
      <CursorPager
        pages={props.pages}
        next={props.next}
        waiting={props.waiting}
        size={props.size}
        sizes={SIZES}
        onSize={props.onSize}
        labels={{
          previous: t('backups.previous'),
          next: t('backups.nextPage'),
          size: (count) => t('backups.perPage', { count }),
          page: t('backups.page', { page: props.pages.page + 1 }),
        }}
      />
    </Flex>
  );
}
