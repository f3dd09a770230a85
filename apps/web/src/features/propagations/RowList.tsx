import { Button, Flex, Form } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../app/i18n.tsx';

/** A list of small rows with an Add button under them and a Remove button on each. */
export function RowList({
  name,
  addLabel,
  empty,
  children,
}: {
  name: string | (string | number)[];
  addLabel: string;
  empty: object;
  children: (index: number) => ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <Flex vertical gap={4}>
          {fields.map((field) => (
            <Flex
              key={field.key}
              gap={8}
              align="flex-start"
              wrap
              data-row={`${[name].flat().join('-')}-${field.name}`}
            >
              {children(field.name)}
              <Button type="text" danger onClick={() => remove(field.name)}>
                {t('propagations.form.remove')}
              </Button>
            </Flex>
          ))}
          <div>
            <Button type="dashed" size="small" onClick={() => add(empty)}>
              {addLabel}
            </Button>
          </div>
        </Flex>
      )}
    </Form.List>
  );
}
