import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Result, Steps, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { useCan } from '../../app/can.ts';
import { useI18n } from '../../app/i18n.tsx';
import { BasicsStep, NetworkStep, PoolsStep } from './CreateSteps.tsx';
import { type ClusterForm, formPathOf, newClusterForm, specOf, stepOfField } from './cluster-form.ts';
import { lifecycleApi, lifecycleKeys, lifecyclePaths } from './lifecycle-api.ts';

/** The fields each step checks before the next. */
const STEP_FIELDS: (string | number)[][][] = [
  [['name'], ['provider'], ['version']],
  [['nodePools']],
  [['podCidr'], ['serviceCidr'], ['auditLog']],
];

/** The server's refusals as form errors: each on its field, and the first one's step shown. */
function refusalsOf(error: unknown): { path: (string | number)[]; message: string; field: string }[] {
  if (!(error instanceof ApiError)) return [];
  if (error.status === 409) return [{ path: ['name'], message: error.message, field: 'name' }];
  const named = (error.body.fields ?? []).filter((problem) => problem.field);
  const list = named.length
    ? named.map((problem) => ({ field: problem.field ?? '', message: problem.message ?? error.message }))
    : error.body.field
      ? [{ field: error.body.field, message: error.message }]
      : [];
  return list.flatMap(({ field, message }) => {
    const path = formPathOf(field);
    return path ? [{ path, message, field }] : [];
  });
}

/**
 * /lifecycle/new: a cluster in three steps (name and version; node pools; networks and audit log),
 * every field checked as typed, the server's refusal shown on the field at fault; on 202 the
 * operation's page follows the create as it goes.
 */
export default function CreateClusterPage() {
  const { t } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ClusterForm>();
  const [step, setStep] = useState(0);
  const [problem, setProblem] = useState<string>();
  const versions = useQuery({ queryKey: lifecycleKeys.versions, queryFn: lifecycleApi.versions });
  const preferred = versions.data?.items.find((entry) => entry.default) ?? versions.data?.items[0];

  useEffect(() => {
    if (preferred && !form.getFieldValue('version')) form.setFieldValue('version', preferred.version);
  }, [preferred, form]);

  const create = useMutation({
    mutationFn: (values: ClusterForm) => lifecycleApi.create(specOf(values)),
    onSuccess: (operation) => {
      void queryClient.invalidateQueries({ queryKey: lifecycleKeys.all });
      message.success(t('lifecycle.form.started', { name: operation.cluster }));
      navigate(lifecyclePaths.operation(operation.id));
    },
    onError: (error) => {
      const refusals = refusalsOf(error);
      form.setFields(refusals.map(({ path, message: text }) => ({ name: path as never, errors: [text] })));
      const first = refusals[0];
      if (first) setStep(stepOfField(first.field));
      setProblem(first ? t('lifecycle.form.fixFields') : error.message);
    },
  });

  const next = async () => {
    try {
      await form.validateFields(STEP_FIELDS[step], { recursive: true });
      setStep(step + 1);
    } catch {
      // The fields at fault say why.
    }
  };
  const submit = async () => {
    setProblem(undefined);
    try {
      await form.validateFields({ recursive: true });
    } catch (error) {
      const first = (error as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
      if (first) setStep(stepOfField(String(first.name[0])));
      return;
    }
    create.mutate(form.getFieldsValue(true) as ClusterForm);
  };

  if (!can('lifecycle:write', 'platform'))
    return <Result status="403" title={t('lifecycle.form.title')} subTitle={t('lifecycle.intro')} />;

  const titles = [
    'lifecycle.form.step.basics',
    'lifecycle.form.step.pools',
    'lifecycle.form.step.network',
  ] as const;
  return (
    <Flex vertical gap={12} style={{ maxWidth: 980 }}>
      <Link to={lifecyclePaths.list}>← {t('lifecycle.back')}</Link>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('lifecycle.form.title')}
      </Typography.Title>
      <Steps
        size="small"
        current={step}
        onChange={(target) => (target < step ? setStep(target) : void next())}
        items={titles.map((key) => ({ title: t(key) }))}
      />
      {problem && (
        <Alert type="error" showIcon title={problem} closable onClose={() => setProblem(undefined)} />
      )}
      <Card size="small">
        <Form<ClusterForm>
          form={form}
          layout="vertical"
          initialValues={newClusterForm('')}
          requiredMark={false}
          onValuesChange={() => problem && setProblem(undefined)}
        >
          <div style={{ display: step === 0 ? undefined : 'none' }}>
            <BasicsStep versions={versions} />
          </div>
          <div style={{ display: step === 1 ? undefined : 'none' }}>
            <PoolsStep />
          </div>
          <div style={{ display: step === 2 ? undefined : 'none' }}>
            <NetworkStep />
          </div>
        </Form>
        <Flex justify="space-between" style={{ marginTop: 8 }}>
          <Button disabled={step === 0} onClick={() => setStep(step - 1)}>
            {t('lifecycle.form.previous')}
          </Button>
          {step < 2 ? (
            <Button type="primary" onClick={() => void next()}>
              {t('lifecycle.form.next')}
            </Button>
          ) : (
            <Button type="primary" loading={create.isPending} onClick={() => void submit()}>
              {t('lifecycle.form.submit')}
            </Button>
          )}
        </Flex>
      </Card>
    </Flex>
  );
}
