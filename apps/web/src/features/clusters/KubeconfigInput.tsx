import { Alert, Button, Form, type FormInstance, Input, Select, Space, Upload } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { api } from '../../api/portolan.ts';
import type { KubeconfigContext } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';

/** What a kubeconfig form needs besides its own fields: the kubeconfig and the context chosen in it. */
export interface KubeconfigValues {
  kubeconfig: string;
  context?: string;
}

/**
 * The plumbing a form that takes a kubeconfig shares (adding a cluster, replacing its credentials):
 * the contexts read from the pasted text, the server's refusal put on the field it names (or above
 * the form), and the busy state while the server connects with it.
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

  const readContexts = async () => {
    setProblem(undefined);
    const kubeconfig = form.getFieldValue('kubeconfig') as string | undefined;
    if (!kubeconfig?.trim()) {
      setFieldErrors('kubeconfig', [t('add.kubeconfigRequired')]);
      return;
    }
    try {
      const { items } = await api.kubeconfigContexts(kubeconfig);
      setContexts(items);
      setFieldErrors('kubeconfig', []);
      const chosen = items.find((context) => context.current) ?? items[0];
      form.setFieldValue('context', chosen?.name);
      onRead?.(chosen);
    } catch (error) {
      setContexts([]);
      // The contexts route's only input is the kubeconfig: a refusal is about it.
      show(error, 'kubeconfig');
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
  };

  return { contexts, problem, busy, readContexts, submit, reset, setFieldErrors };
}

export type KubeconfigInputState = ReturnType<typeof useKubeconfigInput>;

/** The server's reason when it names no field of the form. */
export function FormProblem({ problem }: { problem: string | undefined }) {
  return problem ? (
    <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} role="alert" />
  ) : null;
}

/** Paste or upload a kubeconfig, read its contexts, pick one. Put inside the form's <Form>. */
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
    </>
  );
}
