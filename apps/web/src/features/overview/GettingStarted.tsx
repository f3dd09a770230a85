import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Empty, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/portolan.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';

const SANDBOX = 'sandbox';

/** An empty Portolan: the two ways to get a first cluster. */
export function GettingStarted() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [demo, setDemo] = useState(true);
  const sandbox = useMutation({
    mutationFn: () => api.createSandbox(SANDBOX, demo),
    onSuccess: async (created) => {
      message.success(t('overview.sandboxCreated', { name: created.cluster.name }));
      void queryClient.invalidateQueries({ queryKey: ['clusters'] });
      // Awaited: this card stays busy until the summary has the cluster and the overview replaces it.
      await queryClient.invalidateQueries({ queryKey: ['summary'] });
    },
  });
  return (
    <Card title={t('overview.title')}>
      <Empty
        description={
          <Space orientation="vertical" size={4}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('overview.emptyTitle')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('overview.emptyText')}</Typography.Text>
          </Space>
        }
      >
        <Space orientation="vertical">
          <Space>
            <Button type="primary" onClick={() => navigate('/clusters?add=1')}>
              {t('overview.addCluster')}
            </Button>
            <Button loading={sandbox.isPending} onClick={() => sandbox.mutate()}>
              {t('overview.createSandbox')}
            </Button>
          </Space>
          <Checkbox
            checked={demo}
            disabled={sandbox.isPending}
            onChange={(event) => setDemo(event.target.checked)}
          >
            {t('overview.sandboxDemo')}
          </Checkbox>
          {sandbox.isPending && (
            <Typography.Text type="secondary">
              {t('overview.sandboxCreating', { name: SANDBOX })}
            </Typography.Text>
          )}
          {sandbox.error && <ErrorNotice error={sandbox.error} />}
        </Space>
      </Empty>
    </Card>
  );
}
