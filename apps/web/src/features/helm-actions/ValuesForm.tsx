import { Card, Flex, Form, Input, InputNumber, Select, Switch, Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { kindOf, type ValuesSchema, valueAt } from './values-yaml.ts';

export interface ValuesFormProps {
  schema: ValuesSchema;
  values: Record<string, unknown>;
  onChange: (path: string[], value: unknown) => void;
  /** The field a refusal named, dotted (`image.tag`): marked red (the reason is said beside the values). */
  refusedPath?: string | undefined;
}

/**
 * A form made from the chart's values schema: strings, numbers, booleans and enums as inputs, nested
 * objects as groups. Lists and free-form maps stay in the YAML (the field says so).
 */
export function ValuesForm({ schema, values, onChange, refusedPath }: ValuesFormProps) {
  return (
    <Form layout="vertical" component="div" data-testid="values-form">
      <Fields schema={schema} path={[]} values={values} onChange={onChange} refusedPath={refusedPath} />
    </Form>
  );
}

function Fields({ schema, path, values, onChange, refusedPath }: ValuesFormProps & { path: string[] }) {
  return (
    <>
      {Object.entries(schema.properties ?? {}).map(([key, child]) => (
        <Field
          key={key}
          name={key}
          schema={child}
          path={[...path, key]}
          values={values}
          onChange={onChange}
          refusedPath={refusedPath}
        />
      ))}
    </>
  );
}

function Field({
  name,
  schema,
  path,
  values,
  onChange,
  refusedPath,
}: ValuesFormProps & { name: string; path: string[] }) {
  const { t } = useI18n();
  const kind = kindOf(schema);
  const value = valueAt(values, path);
  const label = schema.title ?? name;
  const help = schema.description;
  const id = `values-${path.join('-')}`;
  if (kind === 'object')
    return (
      <Card size="small" title={label} style={{ marginBottom: 12 }} data-field={path.join('.')}>
        {help && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            {help}
          </Typography.Paragraph>
        )}
        <Fields schema={schema} path={path} values={values} onChange={onChange} refusedPath={refusedPath} />
      </Card>
    );
  const input = (() => {
    switch (kind) {
      case 'boolean':
        return <Switch id={id} checked={value === true} onChange={(checked) => onChange(path, checked)} />;
      case 'number':
      case 'integer':
        return (
          <InputNumber
            id={id}
            style={{ width: 200 }}
            value={typeof value === 'number' ? value : null}
            precision={kind === 'integer' ? 0 : undefined}
            placeholder={schema.default !== undefined ? String(schema.default) : t('helmActions.formUnset')}
            onChange={(next) => onChange(path, next ?? undefined)}
          />
        );
      case 'enum':
        return (
          <Select
            id={id}
            style={{ width: 240 }}
            allowClear
            value={value === undefined ? undefined : JSON.stringify(value)}
            placeholder={t('helmActions.formUnset')}
            options={(schema.enum ?? []).map((option) => ({
              value: JSON.stringify(option),
              label: String(option),
            }))}
            onChange={(next?: string) => onChange(path, next === undefined ? undefined : JSON.parse(next))}
          />
        );
      case 'string':
        return (
          <Input
            id={id}
            value={typeof value === 'string' ? value : value === undefined ? '' : String(value)}
            placeholder={schema.default !== undefined ? String(schema.default) : t('helmActions.formUnset')}
            onChange={(event) => onChange(path, event.target.value === '' ? undefined : event.target.value)}
          />
        );
      default:
        return <Typography.Text type="secondary">{t('helmActions.formInYaml')}</Typography.Text>;
    }
  })();
  return (
    <Form.Item
      label={label}
      htmlFor={id}
      help={help}
      style={{ marginBottom: 12 }}
      data-field={path.join('.')}
      {...(refusedPath === path.join('.') ? { validateStatus: 'error' as const } : {})}
    >
      <Flex>{input}</Flex>
    </Form.Item>
  );
}
