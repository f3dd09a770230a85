import { Button, Flex, Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';

/** "1–50 of 230" with Previous and Next, for lists the server pages by cursor. */
export function PageFooter({
  page,
  pageSize,
  shown,
  remaining,
  estimated,
  next,
  onPrevious,
  onNext,
}: {
  page: number;
  pageSize: number;
  shown: number;
  remaining: number;
  estimated: boolean;
  next: string | undefined;
  onPrevious: () => void;
  onNext: (cursor: string) => void;
}) {
  const { t, format } = useI18n();
  const first = page * pageSize + (shown ? 1 : 0);
  const last = page * pageSize + shown;
  const total = last + remaining;
  return (
    <Flex justify="flex-end" align="center" gap={8} style={{ marginTop: 8 }}>
      <Typography.Text type="secondary">
        {t(estimated ? 'clusterPage.rangeAbout' : 'clusterPage.range', {
          first: format.number(first),
          last: format.number(last),
          total: format.number(total),
        })}
      </Typography.Text>
      <Button disabled={page === 0} onClick={onPrevious}>
        {t('clusterPage.previous')}
      </Button>
      <Button disabled={!next} onClick={() => next && onNext(next)}>
        {t('clusterPage.next')}
      </Button>
    </Flex>
  );
}
