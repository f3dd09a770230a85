import { Alert, Flex, Segmented, Skeleton, Typography } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import type { EditorMarker } from '../editor/index.ts';
import { ValuesForm } from './ValuesForm.tsx';
import { setValue, type ValuesSchema, valuesObject } from './values-yaml.ts';

// Monaco is its own chunk, loaded with the first editor shown.
const CodeEditor = lazy(() => import('../editor/CodeEditor.tsx'));

export interface ValuesEditorProps {
  value: string;
  onChange: (value: string) => void;
  /** The chart's values.schema.json: the YAML is checked against it and the form is made from it. */
  schema?: object | null | undefined;
  markers?: EditorMarker[];
  label: string;
  height?: number;
  /** The field a refusal named (`image.tag`): marked in the form. */
  refusedPath?: string | undefined;
  /** A line under the editor: where the values start from. */
  note?: string;
}

/**
 * Helm values as YAML (Monaco, checked against the chart's schema) or as a form made from that schema.
 * Both edit the same text, so switching keeps every value; the form writes through the YAML document
 * and keeps its comments.
 */
export function ValuesEditor({
  value,
  onChange,
  schema,
  markers,
  label,
  height = 360,
  note,
  refusedPath,
}: ValuesEditorProps) {
  const { t } = useI18n();
  const [mode, setMode] = useState<'yaml' | 'form'>('yaml');
  const values = useMemo(() => valuesObject(value), [value]);
  const formSchema = schema && (schema as ValuesSchema).properties ? (schema as ValuesSchema) : undefined;
  return (
    <Flex vertical gap={8} data-values-editor={label}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Segmented
          value={mode}
          onChange={(next) => setMode(next as 'yaml' | 'form')}
          options={[
            { value: 'yaml', label: t('helmActions.valuesYaml') },
            { value: 'form', label: t('helmActions.valuesForm'), disabled: !formSchema },
          ]}
        />
        <Typography.Text type="secondary">
          {[
            note,
            formSchema
              ? t('helmActions.valuesSchema')
              : schema === null
                ? t('helmActions.valuesNoSchema')
                : '',
          ]
            .filter(Boolean)
            .join(' ')}
        </Typography.Text>
      </Flex>
      {mode === 'yaml' || !formSchema ? (
        <Suspense fallback={<Skeleton active />}>
          <CodeEditor
            value={value}
            onChange={onChange}
            schema={schema ?? undefined}
            markers={markers ?? []}
            label={label}
            height={height}
          />
        </Suspense>
      ) : values === undefined ? (
        <Alert type="warning" showIcon title={t('helmActions.valuesUnreadable')} />
      ) : (
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">{t('helmActions.formComments')}</Typography.Text>
          <ValuesForm
            schema={formSchema}
            values={values}
            refusedPath={refusedPath}
            onChange={(path, next) => onChange(setValue(value, path, next))}
          />
        </Flex>
      )}
    </Flex>
  );
}
