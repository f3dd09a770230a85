import type { BindingLevel } from '@portolan/api';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { CreateBindingModal } from './CreateBindingModal.tsx';
import { reasonOf } from './form-errors.ts';
import { peopleApi, type RoleBinding } from './people-api.ts';
import { ClusterSelect } from './pickers.tsx';
import { LEVELS, ROLE_COLOR, ScopeText, SubjectText } from './ScopeTag.tsx';

/** Role bindings the caller may administer: filter by subject, level and cluster; create; remove. */
export function BindingsTab() {
  const { t, format } = useI18n();
  const { modal, message } = App.useApp();
  const can = useCan();
  const queryClient = useQueryClient();
  const mayWrite = can('bindings:write', { somewhere: true });
  const [subject, setSubject] = useState('');
  const [level, setLevel] = useState<BindingLevel | ''>('');
  const [cluster, setCluster] = useState<string>();
  const [creating, setCreating] = useState(false);
  // The cluster filter is the server's; subject and level filter the answer here.
  const bindings = useQuery({
    queryKey: ['people', 'bindings', cluster ?? ''],
    queryFn: () => peopleApi.bindings(cluster),
  });
  const remove = useMutation({
    mutationFn: (binding: RoleBinding) => peopleApi.removeBinding(binding.id),
    onSuccess: async (_, binding) => {
      message.success(t('people.bindings.removed', { subject: binding.subject.name }));
      await queryClient.invalidateQueries({ queryKey: ['people'] });
    },
    onError: (error) => message.error(reasonOf(error)),
  });
  const confirmRemove = (binding: RoleBinding) => {
    const where = describeScope(binding, t);
    modal.confirm({
      title: t('people.bindings.removeTitle', { subject: binding.subject.name }),
      content: t('people.bindings.removeText', {
        subject: binding.subject.name,
        role: t(`people.role.${binding.role}`),
        where,
      }),
      okText: t('people.bindings.removeConfirm'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => remove.mutateAsync(binding),
    });
  };

  const needle = subject.trim().toLowerCase();
  const shown = (bindings.data?.items ?? []).filter(
    (b) => (!needle || b.subject.name.toLowerCase().includes(needle)) && (!level || b.scope.level === level),
  );

  return (
    <Flex vertical gap={8}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space wrap>
          <Input
            allowClear
            style={{ width: 200 }}
            placeholder={t('people.bindings.filterSubject')}
            aria-label={t('people.bindings.filterSubject')}
            value={subject}
            onChange={(event) => setSubject(event.target.value)}
          />
          <Select<BindingLevel | ''>
            style={{ width: 160 }}
            aria-label={t('people.bindings.level')}
            value={level}
            onChange={setLevel}
            options={[
              { value: '', label: t('people.bindings.allLevels') },
              ...LEVELS.map((l) => ({ value: l, label: t(`people.level.${l}`) })),
            ]}
          />
          <ClusterSelect
            style={{ width: 200 }}
            aria-label={t('people.cluster')}
            placeholder={t('people.bindings.anyCluster')}
            value={cluster}
            onChange={setCluster}
          />
          <Typography.Text type="secondary">
            {t('people.bindings.count', { count: format.number(shown.length) })}
          </Typography.Text>
        </Space>
        {mayWrite && (
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('people.bindings.create')}
          </Button>
        )}
      </Flex>
      {bindings.error && <ErrorNotice error={bindings.error} onRetry={() => void bindings.refetch()} />}
      <Table<RoleBinding>
        size="small"
        rowKey="id"
        loading={bindings.isPending}
        dataSource={shown}
        locale={{ emptyText: t('people.bindings.empty') }}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        columns={[
          {
            title: t('people.bindings.subject'),
            key: 'subject',
            sorter: (a, b) => a.subject.name.localeCompare(b.subject.name),
            render: (_, b) => <SubjectText subject={b.subject} />,
          },
          {
            title: t('people.bindings.role'),
            key: 'role',
            render: (_, b) => <Tag color={ROLE_COLOR[b.role]}>{t(`people.role.${b.role}`)}</Tag>,
          },
          {
            title: t('people.bindings.scope'),
            key: 'scope',
            render: (_, b) => <ScopeText scope={b.scope} />,
          },
          {
            title: t('people.users.created'),
            key: 'created',
            sorter: (a, b) => a.createdAt.localeCompare(b.createdAt),
            render: (_, b) => format.dateTime(b.createdAt),
          },
          ...(mayWrite
            ? [
                {
                  title: t('people.actions'),
                  key: 'actions',
                  width: 100,
                  render: (_: unknown, b: RoleBinding) => (
                    <Button size="small" danger onClick={() => confirmRemove(b)}>
                      {t('people.remove')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <CreateBindingModal open={creating} onClose={() => setCreating(false)} />
    </Flex>
  );
}

function describeScope(binding: RoleBinding, t: ReturnType<typeof useI18n>['t']): string {
  const { scope } = binding;
  switch (scope.level) {
    case 'platform':
      return t('people.scope.platform');
    case 'workspace':
      return t('people.scope.workspace', { name: scope.workspace ?? '' });
    case 'cluster':
      return t('people.scope.cluster', { name: scope.cluster ?? '' });
    case 'namespace':
      return t('people.scope.namespace', { cluster: scope.cluster ?? '', namespace: scope.namespace ?? '' });
  }
}
