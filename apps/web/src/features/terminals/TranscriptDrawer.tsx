import { useQuery } from '@tanstack/react-query';
import { Button, Drawer, Flex, Spin, Typography, theme } from 'antd';
import { useEffect, useMemo } from 'react';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { useTerminal } from '../pods/use-terminal.ts';
import { TerminalFind } from './TerminalFind.tsx';
import { type TerminalRecord, terminalsApi } from './terminals-api.ts';

/** What a session printed, replayed in a read-only terminal (colours and all), with find and download. */
export function TranscriptDrawer({ record, onClose }: { record: TerminalRecord; onClose(): void }) {
  const { t, format } = useI18n();
  const transcript = useQuery({
    queryKey: ['terminals', record.id, 'transcript'],
    queryFn: () => terminalsApi.transcript(record.id),
    staleTime: record.endedAt ? Number.POSITIVE_INFINITY : 0,
  });
  return (
    <Drawer
      open
      size={960}
      onClose={onClose}
      title={t('terminals.transcript.title', {
        user: record.user.name,
        cluster: record.cluster,
        time: format.dateTime(record.startedAt),
      })}
      extra={
        <Button
          href={terminalsApi.transcriptUrl(record.id)}
          download={`terminal-${record.cluster}-${record.id}.txt`}
        >
          {t('terminals.transcript.download')}
        </Button>
      }
      styles={{ body: { display: 'flex', flexDirection: 'column', gap: 8 } }}
    >
      {transcript.error && <ErrorNotice error={transcript.error} onRetry={() => void transcript.refetch()} />}
      {transcript.data === '' && (
        <Typography.Text type="secondary">{t('terminals.transcript.empty')}</Typography.Text>
      )}
      <TranscriptScreen text={transcript.data} loading={transcript.isFetching} />
    </Drawer>
  );
}

/**
 * The read-only terminal, its own component so that it is made once the drawer's body is in the page
 * (the drawer draws its content after opening).
 */
function TranscriptScreen({ text, loading }: { text: string | undefined; loading: boolean }) {
  const { token } = theme.useToken();
  const [ref, parts] = useTerminal(
    useMemo(() => ({ disableStdin: true, cursorInactiveStyle: 'none' as const, scrollback: 100_000 }), []),
  );
  useEffect(() => {
    if (!parts || text === undefined) return;
    parts.terminal.reset();
    parts.terminal.write(text);
  }, [parts, text]);
  return (
    <>
      <Flex justify="space-between" align="center">
        {parts ? <TerminalFind parts={parts} onClose={() => undefined} /> : <span />}
        {loading && <Spin size="small" />}
      </Flex>
      <div
        style={{
          flex: 1,
          minHeight: 300,
          padding: 8,
          background: token.colorBgContainer,
          border: `1px solid ${token.colorBorderSecondary}`,
          borderRadius: token.borderRadius,
        }}
      >
        <div ref={ref} data-testid="transcript" style={{ height: '100%' }} />
      </div>
    </>
  );
}
