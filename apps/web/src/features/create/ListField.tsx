import { Button, Flex, Form, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../app/i18n.tsx';

/**
 * A list of rows in the form (ports, variables, tolerations…): each row's fields, a remove button,
 * and an add button under them. `row` gets the row's field name to put before its own.
 */
export function ListField({
  name,
  label,
  addLabel,
  row,
  initial,
}: {
  name: (string | number)[] | string;
  label?: ReactNode;
  addLabel: string;
  row: (field: number) => ReactNode;
  initial?: object;
}) {
  const { t } = useI18n();
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <Flex vertical gap={4} style={{ marginBottom: 12 }}>
          {label && <Typography.Text strong>{label}</Typography.Text>}
          {fields.map((field) => (
            <Flex key={field.key} gap={8} align="start" wrap>
              {row(field.name)}
              <Button type="text" aria-label={t('create.remove')} onClick={() => remove(field.name)}>
                ✕
              </Button>
            </Flex>
          ))}
          <div>
            <Button size="small" type="dashed" onClick={() => add(initial)}>
              + {addLabel}
            </Button>
          </div>
        </Flex>
      )}
    </Form.List>
  );
}
