import { type PropagationDocument, type PropagationPreview, propagationDocument } from '@portolan/api';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Result, Skeleton, Steps, Tabs, Typography } from 'antd';
import { Suspense, useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { api } from '../../api/portolan.ts';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { Loading } from '../../app/Loading.tsx';
import { toYaml } from '../editor/yaml-text.ts';
import { DocumentWarnings, type SavedState } from './DocumentWarnings.tsx';
import { SchemaYamlEditor } from './editors.ts';
import { PreviewTargets } from './PreviewTargets.tsx';
import { PropagationFormFields } from './PropagationFormFields.tsx';
import { documentOf, emptyForm, formOf, type PropagationForm, readDocument } from './propagation-form.ts';
import { propagationPath, propagationsApi } from './propagations-api.ts';
import { formPathOf, refusedFields } from './refusal-field.ts';

/** What a quick start hands this page: a document to preview at once. */
export interface StartState {
  document: PropagationDocument;
}

type Mode = 'form' | 'yaml';

/**
 * /propagations/new and /propagations/:name/edit: a propagation as a form or as YAML (the same
 * document: switching keeps what was typed), checked field by field before anything is sent; then a
 * preview of what each target cluster would get; then Save, which lands on its page.
 */
export default function PropagationEditPage() {
  const { t } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { name } = useParams();
  const started = (useLocation().state as StartState | null)?.document;
  const editing = Boolean(name);
  const [form] = Form.useForm<PropagationForm>();
  const [mode, setMode] = useState<Mode>('form');
  const [yaml, setYaml] = useState('');
  // The document the page was opened from (or the YAML tab last read): what the form has no field for
  // (metadata labels, generation, suspended) carries over from it.
  const [carry, setCarry] = useState<PropagationDocument | undefined>(started);
  const [step, setStep] = useState<0 | 1>(0);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [preview, setPreview] = useState<{ document: PropagationDocument; answer: PropagationPreview }>();
  const loaded = useRef(false);

  const existing = useQuery({
    queryKey: ['propagations', 'one', name],
    queryFn: () => propagationsApi.get(name ?? ''),
    enabled: editing,
  });
  const clusters = useQuery({ queryKey: ['clusters'], queryFn: api.clusters });
  const writable = (clusters.data?.items ?? []).filter((cluster) =>
    can('resources:write', { inCluster: cluster.name }),
  );

  const runPreview = async (document: PropagationDocument) => {
    setProblem(undefined);
    setBusy(true);
    try {
      const answer = await propagationsApi.preview(document);
      setPreview({ document, answer });
      setStep(1);
    } catch (error) {
      refused(error);
    } finally {
      setBusy(false);
    }
  };

  // The form starts from the stored document when editing, or from a quick start's, which is previewed at once.
  // biome-ignore lint/correctness/useExhaustiveDependencies: filled once, when the document is there
  useEffect(() => {
    if (loaded.current) return;
    // Editing names the generation it started from: a change saved by someone else meanwhile is refused (409).
    const stored = existing.data && {
      ...existing.data.document,
      metadata: { ...existing.data.document.metadata, generation: existing.data.generation },
    };
    const from = stored ?? started;
    if (editing && !existing.data) return;
    loaded.current = true;
    if (!from) return;
    setCarry(from);
    form.setFieldsValue(formOf(from));
    if (started && !editing) void runPreview(started);
  }, [existing.data]);

  /** A refusal on the field it names, or above the form when the form has no such field. */
  function refused(error: unknown) {
    setStep(0);
    if (!(error instanceof ApiError)) return setProblem(String(error));
    const values = form.getFieldsValue(true) as PropagationForm;
    const placed = refusedFields(error.body)
      .map(({ field, message: text }) => ({ name: formPathOf(field, values), errors: [text] }))
      .filter((entry): entry is { name: (string | number)[]; errors: string[] } => Boolean(entry.name));
    if (mode === 'form' && placed.length) {
      form.setFields(placed as Parameters<typeof form.setFields>[0]);
      form.scrollToField(placed[0]?.name ?? 'name');
    } else setProblem(error.message);
  }

  /** The document as the tab shown now has it; undefined (with the reason shown) when it is not one. */
  async function currentDocument(): Promise<PropagationDocument | undefined> {
    if (mode === 'yaml') {
      const read = readDocument(yaml);
      if ('problem' in read) {
        setProblem(t(`propagations.form.${read.problem}`, { reason: read.detail ?? '' }));
        return undefined;
      }
      return read.document;
    }
    try {
      await form.validateFields({ recursive: true });
    } catch {
      form.scrollToField(form.getFieldsError().find((entry) => entry.errors.length)?.name ?? 'name');
      return undefined;
    }
    return documentOf(form.getFieldsValue(true) as PropagationForm, carry);
  }

  const switchTo = async (next: Mode) => {
    if (next === mode) return;
    setProblem(undefined);
    if (next === 'yaml') {
      let document: PropagationDocument;
      try {
        document = documentOf(form.getFieldsValue(true) as PropagationForm, carry);
      } catch {
        // Templates or a patch that do not parse: the form shows which before the switch.
        await form.validateFields({ recursive: true }).catch(() => undefined);
        return;
      }
      setYaml(toYaml(document));
      setMode('yaml');
      return;
    }
    const read = readDocument(yaml);
    if ('problem' in read)
      return setProblem(t(`propagations.form.${read.problem}`, { reason: read.detail ?? '' }));
    form.resetFields();
    form.setFieldsValue(formOf(read.document));
    setCarry(read.document);
    setMode('form');
  };

  const save = async () => {
    if (!preview) return;
    setBusy(true);
    try {
      const view = await propagationsApi.save(preview.document);
      // Awaited: the page it lands on reads this propagation from the cache, else the old generation.
      await queryClient.invalidateQueries({ queryKey: ['propagations'] });
      message.success(t('propagations.saved', { name: view.document.metadata.name }));
      // What the save warned of is shown on the page it lands on (the same words as the preview's).
      const saved: SavedState = {
        saved: { warnings: view.warnings ?? [], warningCodes: view.warningCodes ?? [] },
      };
      navigate(propagationPath(view.document.metadata.name), view.warnings?.length ? { state: saved } : {});
    } catch (error) {
      refused(error);
    } finally {
      setBusy(false);
    }
  };

  const title = (
    <Flex vertical gap={2}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        <Link to="/propagations">{t('propagations.title')}</Link>
        {' / '}
        {editing ? (
          <>
            <Link to={propagationPath(name ?? '')}>{name}</Link> / {t('propagations.edit.title')}
          </>
        ) : (
          t('propagations.create.title')
        )}
      </Typography.Title>
      <Typography.Text type="secondary">{t('propagations.create.intro')}</Typography.Text>
    </Flex>
  );

  if (!can('resources:write', { somewhere: true }))
    return (
      <Flex vertical gap={12}>
        {title}
        <Result status="403" subTitle={t('propagations.create.forbidden')} />
      </Flex>
    );

  // A propagation that cannot be read cannot be edited: its error alone, not an empty form.
  if (editing && existing.error)
    return (
      <Flex vertical gap={12}>
        {title}
        <ErrorNotice error={existing.error} onRetry={() => void existing.refetch()} />
      </Flex>
    );

  const refusedTargets = preview?.answer.targets.filter(
    (target) => target.error || target.objects.some((object) => object.action === 'refused'),
  );

  return (
    <Flex vertical gap={12}>
      {title}
      <Steps
        size="small"
        current={step}
        items={[{ title: t('propagations.step.edit') }, { title: t('propagations.step.preview') }]}
      />
      {clusters.error && <ErrorNotice error={clusters.error} />}
      {problem && (
        <Alert
          type="error"
          showIcon
          title={t('propagations.refused')}
          description={problem}
          data-testid="propagation-refusal"
          closable={{ onClose: () => setProblem(undefined) }}
        />
      )}
      <div style={{ display: step === 0 ? undefined : 'none' }}>
        {editing && existing.isLoading ? (
          <Skeleton active />
        ) : (
          <Form
            form={form}
            layout="vertical"
            initialValues={emptyForm()}
            scrollToFirstError
            onValuesChange={() => problem && setProblem(undefined)}
          >
            <Tabs
              activeKey={mode}
              onChange={(key) => void switchTo(key as Mode)}
              items={[
                {
                  key: 'form',
                  label: t('propagations.tab.form'),
                  children: <PropagationFormFields clusters={writable} editing={editing} />,
                },
                {
                  key: 'yaml',
                  label: t('propagations.tab.yaml'),
                  children: (
                    <Card size="small">
                      <Suspense fallback={<Loading />}>
                        <SchemaYamlEditor
                          schema={propagationDocument}
                          value={yaml}
                          onChange={setYaml}
                          height={560}
                          label={t('propagations.tab.yaml')}
                        />
                      </Suspense>
                    </Card>
                  ),
                },
              ]}
            />
            <Flex justify="end" gap={8} style={{ marginTop: 12 }}>
              <Button onClick={() => navigate(editing ? propagationPath(name ?? '') : '/propagations')}>
                {t('common.cancel')}
              </Button>
              <Button
                type="primary"
                loading={busy}
                onClick={() => void currentDocument().then((document) => document && runPreview(document))}
              >
                {t('propagations.preview')}
              </Button>
            </Flex>
          </Form>
        )}
      </div>
      {step === 1 && preview && (
        <Card size="small" title={t('propagations.preview.title', { name: preview.document.metadata.name })}>
          <Flex vertical gap={12}>
            <Typography.Text type="secondary">{t('propagations.preview.intro')}</Typography.Text>
            <DocumentWarnings answer={preview.answer} />
            {refusedTargets && refusedTargets.length > 0 && (
              <Alert
                type="warning"
                showIcon
                title={t('propagations.preview.someRefused', {
                  clusters: refusedTargets.map((target) => target.cluster).join(', '),
                })}
              />
            )}
            <PreviewTargets targets={preview.answer.targets} />
            <Flex justify="end" gap={8}>
              <Button onClick={() => setStep(0)}>{t('propagations.back')}</Button>
              <Button type="primary" loading={busy} onClick={() => void save()}>
                {t('propagations.save')}
              </Button>
            </Flex>
          </Flex>
        </Card>
      )}
    </Flex>
  );
}
