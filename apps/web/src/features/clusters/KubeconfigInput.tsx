import { Alert, Button, Flex, Form, type FormInstance, Input, Select, Space, Typography, Upload } from 'antd';
import { useRef, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { api } from '../../api/portolan.ts';
import type { KubeconfigContext } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { ConnectionTestResult, type TestOutcome } from './ConnectionTestResult.tsx';
import { testKubeconfig } from './clusters-api.ts';

/** What a kubeconfig form needs besides its own fields: the kubeconfig and the context chosen in it. */
export interface KubeconfigValues {
  kubeconfig: string;
  context?: string;
}

/**
 * The plumbing a form that takes a kubeconfig shares (adding a cluster, replacing its credentials):
 * the contexts read from the pasted text, the server's refusal put on the field it names (or above
 * the form), the busy state while the server connects with it, and a connection test that saves nothing.
 * `fields` are the form's fields a refusal may name; `onRead` hears the context picked after a read.
 */
export function useKubeconfigInput(
  // Any form with kubeconfig and context fields; the rest of its values are its own.
  form: FormInstance,
  fields: readonly string[],
  onRead?: (chosen: KubeconfigContext | undefined) => void,
) {
  const { t } = useI18n();
  const [contexts, setContexts] = useState<KubeconfigContext[]>([]);
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [tested, setTested] = useState<{ kubeconfig: string; context?: string; outcome: TestOutcome }>();
  const [testing, setTesting] = useState(false);
  // The text the contexts were read from: a test of other text reads them again first.
  const readFrom = useRef<string>(undefined);
  const setFieldErrors = (name: string, errors: string[]) => form.setFields([{ name, errors }]);

  /**
   * Puts the server's reason on its field, or above the form when it names none. `fallback` is the
   * field a refusal (4xx) naming none is about, where the request has one real input.
   */
  const show = (error: unknown, fallback?: string) => {
    const text = error instanceof Error ? error.message : String(error);
    const named = error instanceof ApiError ? error.field : undefined;
    const refused = error instanceof ApiError && error.status < 500;
    const field = fields.find((name) => name === (named ?? (refused ? fallback : undefined)));
    if (field) setFieldErrors(field, [text]);
    else setProblem(text);
  };

  /** Reads the contexts and picks the current one; false when the kubeconfig is missing or refused. */
  const readContexts = async (): Promise<boolean> => {
    setProblem(undefined);
    const kubeconfig = form.getFieldValue('kubeconfig') as string | undefined;
    if (!kubeconfig?.trim()) {
      setFieldErrors('kubeconfig', [t('add.kubeconfigRequired')]);
      return false;
    }
    try {
      const { items } = await api.kubeconfigContexts(kubeconfig);
      setContexts(items);
      readFrom.current = kubeconfig;
      setFieldErrors('kubeconfig', []);
      const chosen = items.find((context) => context.current) ?? items[0];
      form.setFieldValue('context', chosen?.name);
      onRead?.(chosen);
      return true;
    } catch (error) {
      setContexts([]);
      readFrom.current = undefined;
      // The contexts route's only input is the kubeconfig: a refusal is about it.
      show(error, 'kubeconfig');
      return false;
    }
  };

  /**
   * Connects as saving would, and keeps nothing. A kubeconfig the server cannot use is refused on the
   * field at fault (the context, else the kubeconfig with its line); a failed connection is the result.
   */
  const testConnection = async () => {
    setTested(undefined);
    const text = form.getFieldValue('kubeconfig') as string | undefined;
    if (readFrom.current !== text && !(await readContexts())) return;
    const kubeconfig = form.getFieldValue('kubeconfig') as string;
    const context = form.getFieldValue('context') as string | undefined;
    setTesting(true);
    try {
      const facts = await testKubeconfig({ kubeconfig, ...(context ? { context } : {}) });
      setTested({ kubeconfig, ...(context ? { context } : {}), outcome: { facts } });
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        setFieldErrors(error.field === 'context' ? 'context' : 'kubeconfig', [error.message]);
      } else {
        setTested({ kubeconfig, ...(context ? { context } : {}), outcome: { error } });
      }
    } finally {
      setTesting(false);
    }
  };

  /** Runs the form's request; a refusal is shown where it belongs and the form stays open. */
  const submit = async (work: () => Promise<void>, fallback?: string) => {
    setProblem(undefined);
    setBusy(true);
    try {
      await work();
    } catch (error) {
      show(error, fallback);
    } finally {
      setBusy(false);
    }
  };

  /** Empties the form for the next time it opens. */
  const reset = () => {
    form.resetFields();
    setContexts([]);
    setProblem(undefined);
    setTested(undefined);
    readFrom.current = undefined;
  };

  return {
    contexts,
    problem,
    busy,
    tested,
    testing,
    readContexts,
    testConnection,
    submit,
    reset,
    setFieldErrors,
  };
}

export type KubeconfigInputState = ReturnType<typeof useKubeconfigInput>;

/** The server's reason when it names no field of the form. */
export function FormProblem({ problem }: { problem: string | undefined }) {
  return problem ? (
    <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} role="alert" />
  ) : null;
}

/** Paste or upload a kubeconfig, read its contexts, pick one, test it. Put inside the form's <Form>. */
export function KubeconfigInput({
  input,
  id,
  rows,
}: {
  input: KubeconfigInputState;
  /** The text area's id (a page may hold two such forms). */
  id?: string;
  rows: number;
}) {
  const { t } = useI18n();
  const form = Form.useFormInstance<KubeconfigValues>();
  const kubeconfig = Form.useWatch('kubeconfig', form);
  const context = Form.useWatch('context', form);
  // A result is about the text and context it tested: editing either puts it away.
  const tested = input.tested;
  const current =
    tested && tested.kubeconfig === kubeconfig && tested.context === context ? tested : undefined;
  return (
    <>
      <Form.Item
        label={t('add.kubeconfig')}
        name="kubeconfig"
        extra={t('add.kubeconfigHelp')}
        rules={[{ required: true, message: t('add.kubeconfigRequired') }]}
      >
        <Input.TextArea
          {...(id ? { id } : {})}
          rows={rows}
          spellCheck={false}
          style={{ fontFamily: 'monospace', fontSize: 12 }}
        />
      </Form.Item>
      <Space style={{ marginBottom: 16 }}>
        <Upload
          accept=".yaml,.yml,.conf,.config,text/plain"
          showUploadList={false}
          beforeUpload={async (file) => {
            form.setFieldValue('kubeconfig', await file.text());
            await input.readContexts();
            return false;
          }}
        >
          <Button>{t('add.upload')}</Button>
        </Upload>
        <Button onClick={() => void input.readContexts()}>{t('add.readContexts')}</Button>
      </Space>
      <Form.Item label={t('add.context')} name="context" extra={t('add.contextHelp')}>
        <Select
          disabled={input.contexts.length === 0}
          options={input.contexts.map((context) => ({
            value: context.name,
            label: context.cluster ? `${context.name} (${context.cluster})` : context.name,
          }))}
        />
      </Form.Item>
      <Flex gap={12} align="center" wrap style={{ marginBottom: 16 }}>
        <Button onClick={() => void input.testConnection()} loading={input.testing}>
          {t('clusters.test.button')}
        </Button>
        <Typography.Text type="secondary">{t('clusters.test.hint')}</Typography.Text>
      </Flex>
      {current ? <ConnectionTestResult outcome={current.outcome} /> : null}
    </>
  );
}
