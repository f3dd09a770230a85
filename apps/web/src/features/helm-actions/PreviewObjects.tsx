import { Alert, Collapse, Flex, Tag, Typography, theme } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import type { ReleasePreview } from './helm-actions-api.ts';

const CHANGE_COLOR = { added: 'green', changed: 'blue', removed: 'red', unchanged: 'default' } as const;

/**
 * What helm would apply: each object with its change (added, changed, removed) and its unified diff
 * against what runs now; for a new release the rendered manifests whole; the chart's notes after.
 */
export function PreviewObjects({ preview }: { preview: ReleasePreview }) {
  const { t, format } = useI18n();
  const { token } = theme.useToken();
  const pre = {
    margin: 0,
    maxHeight: 420,
    overflow: 'auto',
    fontSize: token.fontSizeSM,
    background: token.colorFillQuaternary,
    padding: 8,
    borderRadius: token.borderRadius,
  } as const;
  const changed = preview.objects.filter((object) => object.change !== 'unchanged');
  const shown = preview.upgrade ? changed : preview.objects;
  return (
    <Flex vertical gap={8} data-testid="helm-preview">
      <Typography.Text type="secondary">
        {t('helmActions.previewObjects', { count: format.number(preview.objects.length) })}
      </Typography.Text>
      {preview.upgrade && changed.length === 0 && (
        <Alert type="info" showIcon title={t('helmActions.noChange')} />
      )}
      <Collapse
        size="small"
        defaultActiveKey={preview.upgrade ? shown.map((_, index) => String(index)) : []}
        items={[
          ...shown.map((object, index) => ({
            key: String(index),
            label: (
              <Flex
                gap={8}
                align="center"
                data-object={`${object.kind}/${object.name}`}
                data-change={object.change}
              >
                <Tag color={CHANGE_COLOR[object.change]}>{t(`helmActions.change.${object.change}`)}</Tag>
                <Typography.Text>
                  {object.kind} {object.namespace ? `${object.namespace}/` : ''}
                  {object.name}
                </Typography.Text>
              </Flex>
            ),
            children: object.diff ? (
              <pre style={pre} data-diff={`${object.kind}/${object.name}`}>
                {object.diff.split('\n').map((line, at) => (
                  <span
                    // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one fixed text
                    key={at}
                    style={{
                      display: 'block',
                      color: line.startsWith('+')
                        ? token.colorSuccessText
                        : line.startsWith('-')
                          ? token.colorErrorText
                          : undefined,
                    }}
                  >
                    {line || ' '}
                  </span>
                ))}
              </pre>
            ) : null,
          })),
          ...(!preview.upgrade
            ? [
                {
                  key: 'manifest',
                  label: 'manifest.yaml',
                  children: (
                    <pre style={pre} data-testid="preview-manifest">
                      {preview.manifest}
                    </pre>
                  ),
                },
              ]
            : []),
          ...(preview.notes
            ? [
                {
                  key: 'notes',
                  label: t('helmActions.notes'),
                  children: <pre style={pre}>{preview.notes}</pre>,
                },
              ]
            : []),
        ]}
      />
    </Flex>
  );
}
