import { Alert, Button } from 'antd';
import { ApiError } from '../api/client.ts';
import { useI18n } from './i18n.tsx';

/** A failed request, with the server's own message (it says what is wrong and how to fix it). */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const message = error instanceof ApiError ? error.message : String(error);
  return (
    <Alert
      type="error"
      showIcon
      title={t('common.failed')}
      description={message}
      action={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}
