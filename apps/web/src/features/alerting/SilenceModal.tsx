import type { SilenceSpec } from '@portolan/api';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { alertingApi, type SilenceMatcher } from './alerting-api.ts';
import { showRefusal } from './form-refusal.ts';

const OPS = ['=', '!=', '=~', '!~'] as const;
/** Duration presets in hours. */
const PRESETS = [1, 2, 4, 8, 24, 72, 168] as const;
const FIELDS = ['matchers', 'startsAt', 'endsAt', 'comment'] as const;

interface SilenceForm {
  matchers: SilenceMatcher[];
  length: number | 'custom';
  startsAt?: Dayjs;
  endsAt?: Dayjs;
  comment: string;
}

/** The silence a form describes: from now (or its start) for the chosen hours, or until its end. */
export function silenceOf(form: SilenceForm, now: Date): SilenceSpec {
  const start = form.startsAt?.toDate() ?? now;
  const end =
    form.length === 'custom'
      ? (form.endsAt?.toDate() ?? start)
      : new Date(start.getTime() + form.length * 3_600_000);
  return {
    matchers: form.matchers.map((matcher) => ({ ...matcher, label: matcher.label.trim() })),
    ...(form.startsAt ? { startsAt: start.toISOString() } : {}),
    endsAt: end.toISOString(),
    comment: form.comment.trim(),
  };
}

/** New silence: matchers (prefilled from an alert's labels), how long, and why (required). */
export function SilenceModal({
  open,
  labels,
  onClose,
}: {
  open: boolean;
  /** An alert's labels to start from; each becomes an `=` matcher. */
  labels?: Record<string, string>;
  onClose(): void;
}) {
  const { t, format } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<SilenceForm>();
  const [refusal, setRefusal] = useState<string>();
  const length = Form.useWatch('length', form);

  // By value: the alert is read again every few seconds, and that must not wipe what is being typed.
  const labelsText = JSON.stringify(labels ?? {});
  useEffect(() => {
    if (!open) return;
    setRefusal(undefined);
    form.resetFields();
    const start = JSON.parse(labelsText) as Record<string, string>;
    form.setFieldsValue({
      matchers: Object.entries(start).map(([label, value]) => ({ label, op: '=', value })),
    });
  }, [open, labelsText, form]);

  const save = useMutation({
    mutationFn: (values: SilenceForm) => alertingApi.createSilence(silenceOf(values, new Date())),
    onSuccess: (silence) => {
      void message.success(t('alerting.silences.created', { until: format.dateTime(silence.endsAt) }));
      void queryClient.invalidateQueries({ queryKey: ['alerting'] });
      onClose();
    },
    onError: (error) => setRefusal(showRefusal(form, error, FIELDS)),
  });

  return (
    <Modal
      open={open}
      onCancel={onClose}
      width={720}
      title={t('alerting.silences.new')}
      okText={t('alerting.silences.create')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<SilenceForm>
        form={form}
        layout="vertical"
        initialValues={{ length: 2, matchers: [] }}
        onFinish={(values) => save.mutate(values)}
      >
        {refusal && <Alert type="error" showIcon title={refusal} style={{ marginBottom: 12 }} />}
        <Typography.Text type="secondary">{t('alerting.silences.matchersHelp')}</Typography.Text>
        <Form.List
          name="matchers"
          rules={[
            {
              validator: async (_, value: unknown[]) => {
                if (!value?.length) throw new Error(t('alerting.silences.matcherRequired'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <Flex vertical gap={4} style={{ marginBlock: 8 }}>
              {fields.map((field) => (
                <Space key={field.key} align="start">
                  <Form.Item
                    name={[field.name, 'label']}
                    rules={[{ required: true, message: t('alerting.silences.labelRequired') }]}
                    style={{ marginBottom: 0 }}
                  >
                    <Input placeholder={t('alerting.silences.label')} style={{ width: 180 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'op']} initialValue="=" style={{ marginBottom: 0 }}>
                    <Select
                      style={{ width: 80 }}
                      aria-label={t('alerting.silences.op')}
                      options={OPS.map((op) => ({ value: op, label: op }))}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'value']} initialValue="" style={{ marginBottom: 0 }}>
                    <Input placeholder={t('alerting.silences.value')} style={{ width: 260 }} />
                  </Form.Item>
                  <Button onClick={() => remove(field.name)} aria-label={t('alerting.remove')}>
                    ✕
                  </Button>
                </Space>
              ))}
              <Button
                onClick={() => add({ label: '', op: '=', value: '' })}
                style={{ alignSelf: 'flex-start' }}
              >
                {t('alerting.silences.addMatcher')}
              </Button>
              <Form.ErrorList errors={errors} />
            </Flex>
          )}
        </Form.List>
        <Form.Item
          label={t('alerting.silences.startsAt')}
          name="startsAt"
          extra={t('alerting.silences.startsAtHelp')}
        >
          <DatePicker showTime />
        </Form.Item>
        <Form.Item label={t('alerting.silences.duration')} name="length">
          <Radio.Group
            optionType="button"
            options={[
              ...PRESETS.map((hours) => ({
                value: hours,
                label: hours < 24 ? t('alerting.hours', { n: hours }) : t('alerting.days', { n: hours / 24 }),
              })),
              { value: 'custom', label: t('alerting.silences.until') },
            ]}
          />
        </Form.Item>
        {length === 'custom' && (
          <Form.Item
            label={t('alerting.silences.endsAt')}
            name="endsAt"
            rules={[
              { required: true, message: t('alerting.silences.endRequired') },
              {
                validator: async (_, value: Dayjs | undefined) => {
                  if (value?.isBefore(dayjs())) throw new Error(t('alerting.silences.endPast'));
                },
              },
            ]}
          >
            <DatePicker showTime />
          </Form.Item>
        )}
        <Form.Item
          label={t('alerting.silences.comment')}
          name="comment"
          rules={[{ required: true, whitespace: true, message: t('alerting.silences.commentRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={1024} placeholder={t('alerting.silences.commentHint')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
