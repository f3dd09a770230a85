import { Alert, Button, Flex, Input, Select, Space, Switch, Tooltip, Typography, theme } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { type LogOptions, podsApi } from './pods-api.ts';
import { useTerminal, useTerminalFind } from './use-terminal.ts';

const TAILS = [100, 500, 1000, 5000, 0] as const; // 0: the whole log

type State = { phase: 'loading' | 'shown' | 'following' | 'ended' } | { phase: 'failed'; message: string };

/** A container's log in a read-only terminal: follow, previous instance, tail, timestamps, search, download. */
export default function PodLogs(props: {
  cluster: string;
  namespace: string;
  name: string;
  containers: string[];
  initial: string;
}) {
  const { cluster, namespace, name, containers } = props;
  const { t, format } = useI18n();
  const { token } = theme.useToken();
  const [container, setContainer] = useState(props.initial);
  const [tail, setTail] = useState<number>(500);
  const [follow, setFollow] = useState(false);
  const [previous, setPrevious] = useState(false);
  const [timestamps, setTimestamps] = useState(false);
  const [state, setState] = useState<State>({ phase: 'loading' });
  const [search, setSearch] = useState('');
  const [ref, parts] = useTerminal(
    useMemo(() => ({ disableStdin: true, convertEol: true, cursorInactiveStyle: 'none' as const }), []),
  );

  const options: LogOptions = {
    container,
    ...(tail ? { tailLines: tail } : {}),
    ...(previous ? { previous } : {}),
    ...(timestamps ? { timestamps } : {}),
  };
  const optionsText = JSON.stringify(options);

  useEffect(() => {
    if (!parts) return;
    const { terminal } = parts;
    const asked = JSON.parse(optionsText) as LogOptions;
    const abort = new AbortController();
    terminal.reset();
    setState({ phase: 'loading' });
    const failed = (error: unknown) => {
      if (!abort.signal.aborted)
        setState({ phase: 'failed', message: error instanceof Error ? error.message : String(error) });
    };
    if (follow && !previous) {
      void (async () => {
        const body = await podsApi.followLogs(cluster, namespace, name, asked, abort.signal);
        setState({ phase: 'following' });
        const reader = body.getReader();
        const decoder = new TextDecoder();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          terminal.write(decoder.decode(value, { stream: true }));
        }
        if (!abort.signal.aborted) setState({ phase: 'ended' });
      })().catch(failed);
    } else {
      podsApi.logs(cluster, namespace, name, asked).then((text) => {
        if (abort.signal.aborted) return;
        terminal.write(text);
        setState({ phase: 'shown' });
      }, failed);
    }
    return () => abort.abort();
  }, [parts, cluster, namespace, name, optionsText, follow, previous]);

  const { matches, find: findText } = useTerminalFind(parts);
  const find = (backwards = false) => findText(search, backwards);

  const download = async () => {
    try {
      const text = await podsApi.logs(cluster, namespace, name, options);
      const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `${name}-${container}${previous ? '-previous' : ''}.log`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1_000);
    } catch (error) {
      setState({ phase: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <Flex vertical gap={8}>
      <Space wrap>
        <Select
          aria-label={t('pods.logs.container')}
          style={{ minWidth: 160 }}
          value={container}
          onChange={setContainer}
          options={containers.map((entry) => ({ value: entry, label: entry }))}
        />
        <Select
          aria-label={t('pods.logs.tail')}
          value={tail}
          onChange={setTail}
          options={TAILS.map((lines) => ({
            value: lines,
            label: lines ? t('pods.logs.lastLines', { count: format.number(lines) }) : t('pods.logs.all'),
          }))}
        />
        <Space size={4}>
          <Switch
            size="small"
            checked={follow && !previous}
            disabled={previous}
            onChange={setFollow}
            aria-label={t('pods.logs.follow')}
          />
          <Typography.Text>{t('pods.logs.follow')}</Typography.Text>
        </Space>
        <Space size={4}>
          <Switch
            size="small"
            checked={previous}
            onChange={setPrevious}
            aria-label={t('pods.logs.previous')}
          />
          <Tooltip title={t('pods.logs.previousHelp')}>
            <Typography.Text>{t('pods.logs.previous')}</Typography.Text>
          </Tooltip>
        </Space>
        <Space size={4}>
          <Switch
            size="small"
            checked={timestamps}
            onChange={setTimestamps}
            aria-label={t('pods.logs.timestamps')}
          />
          <Typography.Text>{t('pods.logs.timestamps')}</Typography.Text>
        </Space>
        <Space.Compact>
          <Input
            allowClear
            style={{ width: 200 }}
            placeholder={t('pods.logs.search')}
            aria-label={t('pods.logs.search')}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            onPressEnter={(event) => find(event.shiftKey)}
          />
          <Button onClick={() => find(true)} aria-label={t('pods.logs.findPrevious')}>
            ↑
          </Button>
          <Button onClick={() => find()} aria-label={t('pods.logs.findNext')}>
            ↓
          </Button>
        </Space.Compact>
        {matches && search && (
          <Typography.Text type="secondary">
            {matches.count === 0
              ? t('pods.logs.noMatch')
              : t('pods.logs.match', { index: matches.index + 1, count: format.number(matches.count) })}
          </Typography.Text>
        )}
        <Button onClick={() => void download()}>{t('pods.logs.download')}</Button>
        <Typography.Text type="secondary" data-testid="logs-state">
          {state.phase === 'loading' && t('common.loading')}
          {state.phase === 'following' && t('pods.logs.following')}
          {state.phase === 'ended' && t('pods.logs.ended')}
        </Typography.Text>
      </Space>
      {state.phase === 'failed' && (
        <Alert type="error" showIcon title={t('pods.logs.failed')} description={state.message} />
      )}
      {/* The fit addon measures the terminal's parent: the frame's padding sits outside it. */}
      <div
        style={{
          height: 'calc(100vh - 300px)',
          minHeight: 240,
          padding: 8,
          background: token.colorBgContainer,
          border: `1px solid ${token.colorBorderSecondary}`,
          borderRadius: token.borderRadius,
        }}
      >
        <div ref={ref} data-testid="pod-logs" style={{ height: '100%' }} />
      </div>
    </Flex>
  );
}
