import { Alert, Button } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { endText } from './end-text.ts';
import type { TabStatus } from './tab-status.ts';
import { useNow } from './use-now.ts';

/**
 * What a tab says above its terminal when something needs the user: the idle countdown with "Stay
 * connected", why the session ended, that another window took it, or that it could not be opened.
 */
export function TabNotices(props: {
  cluster: string;
  status: TabStatus;
  idleEndsAt: number | undefined;
  onStay(): void;
  onAttachHere(): void;
  onOpenNew(): void;
}) {
  const { cluster, status, idleEndsAt } = props;
  const { t } = useI18n();
  const now = useNow(idleEndsAt !== undefined);
  const style = { margin: '0 8px 4px' };

  if (idleEndsAt !== undefined && status.phase === 'connected')
    return (
      <Alert
        style={style}
        type="warning"
        showIcon
        data-testid="idle-warning"
        title={t('terminals.idle.title', { seconds: Math.max(0, Math.ceil((idleEndsAt - now) / 1000)) })}
        action={
          <Button size="small" type="primary" onClick={props.onStay}>
            {t('terminals.idle.stay')}
          </Button>
        }
      />
    );
  const openNew = (
    <Button size="small" type="primary" onClick={props.onOpenNew}>
      {t('terminals.openNew')}
    </Button>
  );
  if (status.phase === 'ended')
    return (
      <Alert
        style={style}
        type={status.reason === 'revoked' || status.reason === 'failed' ? 'error' : 'info'}
        showIcon
        data-testid="terminal-ended"
        title={t(`terminals.reasonText.${status.reason}`)}
        description={endText(t, status) || undefined}
        action={openNew}
      />
    );
  if (status.phase === 'failed')
    return (
      <Alert
        style={style}
        type="error"
        showIcon
        title={t('terminals.failed.text', { cluster })}
        description={status.message}
        action={
          <Button size="small" type="primary" onClick={props.onOpenNew}>
            {t('terminals.tryAgain')}
          </Button>
        }
      />
    );
  if (status.phase === 'elsewhere')
    return (
      <Alert
        style={style}
        type="warning"
        showIcon
        title={t('terminals.elsewhere.text')}
        action={
          <Button size="small" type="primary" onClick={props.onAttachHere}>
            {t('terminals.attachHere')}
          </Button>
        }
      />
    );
  // The server's close reason only repeats, in English, the replica the title already names.
  if (status.phase === 'other-replica')
    return (
      <Alert
        style={style}
        type="warning"
        showIcon
        title={t('terminals.otherReplica.text', { replica: status.replica })}
        action={
          <Button size="small" onClick={props.onAttachHere}>
            {t('terminals.tryAgain')}
          </Button>
        }
      />
    );
  return null;
}
