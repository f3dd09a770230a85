import { useQueryClient } from '@tanstack/react-query';
import { Alert, Flex, Skeleton, theme } from 'antd';
import { Suspense } from 'react';
import { stringify } from 'yaml';
import { useI18n } from '../../app/i18n.tsx';
import { ObjectYamlEditor } from '../editor/index.ts';
import type { KubeObject, WorkloadRef } from './workloads-api.ts';

/**
 * The workload as YAML: those who may change it edit, review the dry run's diff and apply in the
 * shared editor; others read it (managedFields left out either way).
 */
export function WorkloadYaml({
  workload,
  object,
  canWrite,
}: {
  workload: WorkloadRef;
  object: KubeObject;
  canWrite: boolean;
}) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const queryClient = useQueryClient();
  if (canWrite)
    return (
      <Suspense fallback={<Skeleton active />}>
        <ObjectYamlEditor
          cluster={workload.cluster}
          object={object as Record<string, unknown>}
          onApplied={() => void queryClient.invalidateQueries({ queryKey: ['workloads'] })}
        />
      </Suspense>
    );
  const { managedFields: _hidden, ...metadata } = (object.metadata ?? {}) as Record<string, unknown>;
  const text = stringify({ ...object, metadata }, { lineWidth: 0, aliasDuplicateObjects: false });
  return (
    <Flex vertical gap={8}>
      <Alert type="info" showIcon title={t('workloads.yaml.readOnly')} />
      <pre
        data-testid="workload-yaml"
        style={{
          margin: 0,
          padding: 8,
          maxHeight: 600,
          overflow: 'auto',
          fontSize: 12,
          color: token.colorText,
          background: token.colorFillQuaternary,
          border: `1px solid ${token.colorBorderSecondary}`,
          borderRadius: token.borderRadius,
        }}
      >
        {text}
      </pre>
    </Flex>
  );
}
