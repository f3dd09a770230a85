import { useMutation } from '@tanstack/react-query';
import { Button, Form, Input, Space } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { showOnField } from './form-errors.ts';

/** A one-line create form (name and description) whose refusal lands on the name. */
export function NameForm({
  pattern,
  patternMessage,
  namePlaceholder,
  submitText,
  onCreate,
}: {
  pattern: RegExp;
  patternMessage: string;
  namePlaceholder: string;
  submitText: string;
  onCreate: (name: string, description?: string) => Promise<unknown>;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ name: string; description?: string }>();
  const create = useMutation({
    mutationFn: (values: { name: string; description?: string }) => onCreate(values.name, values.description),
    onSuccess: () => form.resetFields(),
    onError: (error) => {
      if (!showOnField(form, error, ['name', 'description']))
        form.setFields([{ name: 'name', errors: [error.message] }]);
    },
  });
  return (
    <Form form={form} layout="inline" onFinish={(values) => create.mutate(values)} requiredMark={false}>
      <Form.Item
        name="name"
        rules={[
          { required: true, message: patternMessage },
          { pattern, message: patternMessage },
        ]}
      >
        <Input placeholder={namePlaceholder} style={{ width: 200 }} aria-label={namePlaceholder} />
      </Form.Item>
      <Form.Item name="description">
        <Input
          placeholder={t('people.description')}
          aria-label={t('people.description')}
          style={{ width: 280 }}
        />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {submitText}
        </Button>
      </Space>
    </Form>
  );
}
