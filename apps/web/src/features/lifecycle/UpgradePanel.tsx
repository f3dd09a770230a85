import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, InputNumber, List, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../app/i18n.tsx';
import { lifecycleApi, lifecycleKeys, lifecyclePaths, type ManagedCluster } from './lifecycle-api.ts';
import { checkMessage, checkTitle } from './lifecycle-words.ts';
import { CheckTag } from './tags.tsx';

/**
 * Upgrade one minor at a time: pick a target the server offers, run preflight and read each check,
 * choose how many nodes drain together, confirm. Upgrade waits for a preflight of that target that
 * did not fail.
 */
export function UpgradePanel({ cluster, busy }: { cluster: ManagedCluster; busy: boolean }) {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<string | undefined>(cluster.upgradeTargets[0]);
  const [maxUnavailable, setMaxUnavailable] = useState(1);
  const versions = useQuery({ queryKey: lifecycleKeys.versions, queryFn: lifecycleApi.versions });
  const preflight = useMutation({
    mutationFn: (version: string) => lifecycleApi.preflight(cluster.name, version),
  });
  const upgrade = useMutation({
    mutationFn: () => lifecycleApi.upgrade(cluster.name, target ?? '', maxUnavailable),
    onSuccess: (operation) => {
      void queryClient.invalidateQueries({ queryKey: lifecycleKeys.all });
      navigate(lifecyclePaths.operation(operation.id));
    },
    onError: (error) => void message.error(t('lifecycle.refused', { reason: error.message })),
  });
  const report = preflight.data?.toVersion === target ? preflight.data : undefined;
  const warned = report?.checks.some((check) => check.status === 'warn');

  if (!cluster.upgradeTargets.length)
    return (
      <Flex vertical gap={8} data-testid="upgrade-panel">
        <Typography.Text>{t('lifecycle.upgrade.none')}</Typography.Text>
        <Typography.Text type="secondary">{t('lifecycle.upgrade.oneMinor')}</Typography.Text>
        <Space size={[4, 4]} wrap>
          <Typography.Text type="secondary">{t('lifecycle.upgrade.catalogue')}:</Typography.Text>
          {(versions.data?.items ?? []).map((entry) => (
            <Tag key={entry.version} color={entry.version === cluster.version ? 'blue' : undefined}>
              {entry.version}
            </Tag>
          ))}
        </Space>
      </Flex>
    );

  const confirm = () =>
    modal.confirm({
      title: t('lifecycle.upgrade.confirm', { name: cluster.name, from: cluster.version, to: target ?? '' }),
      content: t('lifecycle.upgrade.confirmBody', { count: maxUnavailable }),
      okText: t('lifecycle.upgrade.start', { version: target ?? '' }),
      cancelText: t('common.cancel'),
      onOk: () => upgrade.mutateAsync(),
    });

  return (
    <Flex vertical gap={8} data-testid="upgrade-panel">
      <Typography.Text type="secondary">{t('lifecycle.upgrade.oneMinor')}</Typography.Text>
      <Flex gap={12} wrap align="flex-end">
        <Form.Item label={t('lifecycle.upgrade.target')} style={{ margin: 0 }} layout="vertical">
          <Select
            id="upgrade-target"
            style={{ width: 180 }}
            value={target}
            onChange={setTarget}
            options={cluster.upgradeTargets.map((version) => ({ value: version, label: version }))}
          />
        </Form.Item>
        <Form.Item
          label={t('lifecycle.upgrade.maxUnavailable')}
          tooltip={t('lifecycle.upgrade.maxUnavailableHelp')}
          style={{ margin: 0 }}
          layout="vertical"
        >
          <InputNumber
            id="upgrade-max-unavailable"
            min={1}
            max={Math.max(1, cluster.nodes.length)}
            precision={0}
            value={maxUnavailable}
            onChange={(value) => setMaxUnavailable(value ?? 1)}
          />
        </Form.Item>
        <Button
          loading={preflight.isPending}
          disabled={!target}
          onClick={() => target && preflight.mutate(target)}
        >
          {report ? t('lifecycle.upgrade.preflightRerun') : t('lifecycle.upgrade.preflight')}
        </Button>
        <Button type="primary" disabled={!report?.ok || busy} loading={upgrade.isPending} onClick={confirm}>
          {t('lifecycle.upgrade.start', { version: target ?? '' })}
        </Button>
      </Flex>
      {preflight.error && (
        <Alert type="error" showIcon title={t('lifecycle.refused', { reason: preflight.error.message })} />
      )}
      {report && (
        <>
          <Alert
            type={!report.ok ? 'error' : warned ? 'warning' : 'success'}
            showIcon
            data-preflight={report.ok ? 'ok' : 'blocked'}
            title={t(
              !report.ok
                ? 'lifecycle.upgrade.blocked'
                : warned
                  ? 'lifecycle.upgrade.warned'
                  : 'lifecycle.upgrade.passed',
            )}
            description={report.ok ? t('lifecycle.upgrade.plan', { version: report.toVersion }) : undefined}
          />
          <List
            size="small"
            bordered
            dataSource={report.checks}
            renderItem={(check) => (
              <List.Item data-check={check.id}>
                <Space align="start">
                  <CheckTag status={check.status} />
                  <Flex vertical>
                    <Typography.Text strong>{checkTitle(t, check)}</Typography.Text>
                    <Typography.Text type={check.status === 'pass' ? 'secondary' : undefined}>
                      {checkMessage(t, check)}
                    </Typography.Text>
                  </Flex>
                </Space>
              </List.Item>
            )}
          />
        </>
      )}
    </Flex>
  );
}
