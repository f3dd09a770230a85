import { Typography, theme } from 'antd';
import { stringify } from 'yaml';
import type { KubeObject } from './resources-api.ts';

/** An object as read-only YAML, without the field bookkeeping nobody reads (managedFields). */
export function YamlView({ object }: { object: KubeObject }) {
  const { token } = theme.useToken();
  const { managedFields: _, ...metadata } = object.metadata ?? {};
  const text = stringify({ ...object, metadata }, { lineWidth: 0, aliasDuplicateObjects: false });
  return (
    <Typography.Paragraph copyable={{ text }} style={{ margin: 0 }}>
      <pre
        data-testid="object-yaml"
        style={{
          margin: 0,
          padding: 12,
          maxHeight: '70vh',
          overflow: 'auto',
          fontSize: 12,
          background: token.colorFillQuaternary,
          border: `1px solid ${token.colorBorderSecondary}`,
          borderRadius: token.borderRadius,
        }}
      >
        {text}
      </pre>
    </Typography.Paragraph>
  );
}
