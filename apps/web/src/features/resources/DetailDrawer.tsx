import type { UseQueryResult } from '@tanstack/react-query';
import { Drawer, Skeleton, Tabs } from 'antd';
import type { ReactNode } from 'react';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { ObjectYaml } from './ObjectYaml.tsx';
import type { KubeObject } from './resources-api.ts';

export interface DetailDrawerProps<T> {
  /** `Service shop/web`: the kind and where, as the drawer's title. */
  title: string;
  open: boolean;
  onClose(): void;
  /** The object read live when the drawer opens. */
  query: UseQueryResult<T>;
  details(data: T): ReactNode;
  object(data: T): KubeObject;
  extra?: ReactNode;
  cluster: string;
  /** The caller may change the object: its YAML opens in the editor rather than read-only. */
  editable?: boolean;
}

/** One object's details read live from its cluster, with its YAML beside them. */
export function DetailDrawer<T>({
  title,
  open,
  onClose,
  query,
  details,
  object,
  extra,
  cluster,
  editable = false,
}: DetailDrawerProps<T>) {
  const { t } = useI18n();
  const data = query.data;
  return (
    <Drawer title={title} open={open} onClose={onClose} size="large" extra={extra} destroyOnHidden>
      {query.error ? (
        <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />
      ) : data === undefined ? (
        <Skeleton active />
      ) : (
        <Tabs
          items={[
            { key: 'details', label: t('resources.details'), children: details(data) },
            {
              key: 'yaml',
              label: t('resources.yaml'),
              children: (
                <ObjectYaml
                  cluster={cluster}
                  object={object(data)}
                  editable={editable}
                  onApplied={() => void query.refetch()}
                />
              ),
            },
          ]}
        />
      )}
    </Drawer>
  );
}
