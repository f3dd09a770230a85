import { Alert, Flex, theme } from 'antd';
import { stringify } from 'yaml';
import { useI18n } from '../../app/i18n.tsx';
import type { KubeObject, WorkloadRef } from './workloads-api.ts';

/**
 * The workload as YAML, read-only, without managedFields. Editing and applying belong to the shared
 * YAML editor (features/editor) once it offers an object editor; until then this view only shows.
 */
export function WorkloadYaml({ object }: { workload: WorkloadRef; object: KubeObject; canWrite: boolean }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const { managedFields: _hidden, ...metadata } = (object.metadata ?? {}) as Record<string, unknown>;
  const text = stringify({ ...object, metadata }, { lineWidth: 0, aliasDuplicateObjects: false });
  return (
    <Flex vertical gap={8}>
      <Alert type="info" showIcon title={t('workloads.yaml.later')} />
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
