import { Alert, Button, Flex, Select, Space, Tooltip, Typography, theme } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { type Ending, type ExecStatus, endingOf, readFrame, resizeFrame, stdinFrame } from './exec-frames.ts';
import { podsApi } from './pods-api.ts';
import { copySelection, handleClipboardKeys, pasteInto, useTerminal } from './use-terminal.ts';

/** bash where the container has it, else sh. */
const SHELL = ['sh', '-c', 'command -v bash >/dev/null 2>&1 && exec bash || exec sh'];

type State = { phase: 'connecting' } | { phase: 'open' } | { phase: 'ended'; ending: Ending };

/**
 * A shell in a container over the exec WebSocket: a terminal (tty) that follows the panel's size,
 * copy with Ctrl+Shift+C and paste with Ctrl+Shift+V (or the buttons), and the reason when the
 * session ends or is refused.
 */
export default function PodShell(props: {
  cluster: string;
  namespace: string;
  name: string;
  containers: string[];
}) {
  const { cluster, namespace, name, containers } = props;
  const { t } = useI18n();
  const { token } = theme.useToken();
  const [container, setContainer] = useState(containers[0] ?? '');
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<State>({ phase: 'connecting' });
  const [ref, parts] = useTerminal(useMemo(() => ({ cursorBlink: true }), []));

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new attempt (Open a new session) opens a new socket
  useEffect(() => {
    if (!parts) return;
    const { terminal } = parts;
    terminal.reset();
    setState({ phase: 'connecting' });
    const socket = new WebSocket(podsApi.execUrl(cluster, namespace, name, container, SHELL), [
      'v5.channel.k8s.io',
      'v4.channel.k8s.io',
    ]);
    socket.binaryType = 'arraybuffer';
    let status: ExecStatus | undefined;
    let started = false;
    const send = (frame: Uint8Array<ArrayBuffer>) => {
      if (socket.readyState === WebSocket.OPEN) socket.send(frame);
    };
    socket.onopen = () => {
      setState({ phase: 'open' });
      send(resizeFrame(terminal.cols, terminal.rows));
      terminal.focus();
    };
    socket.onmessage = (event) => {
      if (!(event.data instanceof ArrayBuffer)) return;
      const frame = readFrame(event.data);
      if (frame.channel === 'output') {
        started = true;
        terminal.write(frame.data);
      } else if (frame.channel === 'status') status = frame.status;
    };
    socket.onclose = (event) => {
      setState({ phase: 'ended', ending: endingOf(status, event.code, started) });
    };
    const typed = terminal.onData((data) => send(stdinFrame(data)));
    const resized = terminal.onResize(({ cols, rows }) => send(resizeFrame(cols, rows)));
    handleClipboardKeys(terminal);
    return () => {
      typed.dispose();
      resized.dispose();
      socket.onclose = null;
      socket.close(1000);
    };
  }, [parts, cluster, namespace, name, container, attempt]);

  const ending = state.phase === 'ended' ? state.ending : undefined;
  return (
    <Flex vertical gap={8}>
      <Space wrap>
        <Select
          aria-label={t('pods.shell.container')}
          style={{ minWidth: 160 }}
          value={container}
          onChange={setContainer}
          options={containers.map((entry) => ({ value: entry, label: entry }))}
        />
        <Tooltip title={t('pods.shell.copyHelp')}>
          <Button onClick={() => parts && void copySelection(parts.terminal)}>{t('pods.shell.copy')}</Button>
        </Tooltip>
        <Tooltip title={t('pods.shell.pasteHelp')}>
          <Button onClick={() => parts && void pasteInto(parts.terminal)}>{t('pods.shell.paste')}</Button>
        </Tooltip>
        {ending && (
          <Button type="primary" onClick={() => setAttempt((count) => count + 1)}>
            {t('pods.shell.reconnect')}
          </Button>
        )}
        <Typography.Text type="secondary" data-testid="shell-state">
          {state.phase === 'connecting' && t('pods.shell.connecting')}
          {state.phase === 'open' && t('pods.shell.connected', { container })}
        </Typography.Text>
      </Space>
      {ending?.kind === 'exited' && (
        <Alert
          type={ending.code === 0 ? 'info' : 'warning'}
          showIcon
          title={t('pods.shell.exited', { code: ending.code })}
        />
      )}
      {ending?.kind === 'refused' && (
        <Alert type="error" showIcon title={t('pods.shell.refused')} description={ending.message} />
      )}
      {ending?.kind === 'revoked' && (
        <Alert type="error" showIcon title={t('pods.shell.revoked')} description={ending.message} />
      )}
      {ending?.kind === 'dropped' && (
        <Alert type="warning" showIcon title={t('pods.shell.dropped', { code: ending.code })} />
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
        <div ref={ref} data-testid="pod-shell" style={{ height: '100%' }} />
      </div>
    </Flex>
  );
}
