import { Button, Flex, Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';

/** What the footer reads of a server-paged list (useSearchTable answers it). */
export interface PagedList {
  page: number;
  first: number;
  items: readonly unknown[];
  total: number;
  estimated: boolean;
  next: string | undefined;
  goNext(): void;
  goPrevious(): void;
}

/** "1–50 of 230" (the server's count) with Previous and Next, for lists the server pages by cursor. */
export function PageFooter({ table }: { table: PagedList }) {
  const { t, format } = useI18n();
  const shown = table.items.length;
  return (
    <Flex justify="flex-end" align="center" gap={8} style={{ marginTop: 8 }}>
      <Typography.Text type="secondary" data-testid="page-range">
        {t(table.estimated ? 'clusterPage.rangeAbout' : 'clusterPage.range', {
          first: format.number(table.first + (shown ? 1 : 0)),
          last: format.number(table.first + shown),
          total: format.number(table.total),
        })}
      </Typography.Text>
      <Button disabled={table.page === 0} onClick={table.goPrevious}>
        {t('clusterPage.previous')}
      </Button>
      <Button disabled={!table.next} onClick={table.goNext}>
        {t('clusterPage.next')}
      </Button>
    </Flex>
  );
}
