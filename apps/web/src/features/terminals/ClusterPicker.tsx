import { useQuery } from '@tanstack/react-query';
import { Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/portolan.ts';
import { useCan } from '../../app/can.ts';
import { useI18n } from '../../app/i18n.tsx';

/** Asks which cluster a new terminal is for: a searchable list of those the caller may reach. */
export function ClusterPicker(props: { onPick(cluster: string): void; onCancel(): void }) {
  const { t } = useI18n();
  const can = useCan();
  const clusters = useQuery({ queryKey: ['clusters'], queryFn: api.clusters });
  const reachable = (clusters.data?.items ?? []).filter((cluster) =>
    can('clusters:proxy', { inCluster: cluster.name }),
  );
  const [picked, setPicked] = useState<string>();
  // One cluster is the answer already; Enter opens it.
  const value = picked ?? (reachable.length === 1 ? reachable[0]?.name : undefined);
  return (
    <Modal
      open
      title={t('terminals.pick.title')}
      okText={t('terminals.pick.open')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !value }}
      onOk={() => value && props.onPick(value)}
      onCancel={props.onCancel}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('terminals.pick.help')}</Typography.Paragraph>
      <Select<string>
        autoFocus
        defaultOpen={reachable.length !== 1}
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: '100%' }}
        aria-label={t('terminals.pick.cluster')}
        placeholder={t('terminals.pick.placeholder')}
        loading={clusters.isPending}
        notFoundContent={clusters.isPending ? undefined : t('terminals.pick.none')}
        value={value}
        onChange={setPicked}
        onSelect={(cluster) => props.onPick(cluster)}
        options={reachable.map((cluster) => ({
          value: cluster.name,
          label:
            cluster.status === 'Ready' ? cluster.name : `${cluster.name} (${t(`status.${cluster.status}`)})`,
        }))}
      />
    </Modal>
  );
}
