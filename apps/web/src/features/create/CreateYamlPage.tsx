import type { ApplyAnswer, ErrorBody, PreviewAnswer } from '@portolan/api';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Flex, Input, Skeleton, Space, Typography, Upload } from 'antd';
import { Suspense, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useCan } from '../../app/can.ts';
import { useI18n } from '../../app/i18n.tsx';
import { editorApi } from '../editor/editor-api.ts';
import { markersOf } from '../editor/error-markers.ts';
import { type EditorMarker, KubeYamlEditor } from '../editor/index.ts';
import { ApplyResults } from './ApplyResults.tsx';
import { ClusterPicker, useChosenCluster } from './ClusterPicker.tsx';
import { CreateSwitch } from './CreateSwitch.tsx';

interface Refusal {
  error: ErrorBody;
  markers: EditorMarker[];
}

const documentErrors = (results: { error?: unknown; document?: number }[], text: string) =>
  results.flatMap((result) => {
    const error = result.error as ErrorBody | undefined;
    return error ? markersOf(error, text, result.document ?? 1) : [];
  });

/**
 * Create (or update) objects from YAML: paste or upload several documents, check them against the
 * cluster's own schemas, see the dry run per object (create or update, with its diff), then apply.
 */
export default function CreateYamlPage() {
  const { t } = useI18n();
  const can = useCan();
  const [cluster, setCluster] = useChosenCluster();
  const [text, setText] = useState('');
  const [namespace, setNamespace] = useState('');
  const [force, setForce] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>();
  const [previewed, setPreviewed] = useState<{ text: string; answer: PreviewAnswer }>();
  const [applied, setApplied] = useState<ApplyAnswer>();
  const choices = {
    ...(namespace.trim() ? { namespace: namespace.trim() } : {}),
    ...(force ? { force } : {}),
  };
  // A dry run stands for the very text and choices it checked.
  const checkedKey = JSON.stringify([text, choices]);
  const mayWrite = cluster ? can('resources:write', { inCluster: cluster }) : false;

  const refused = (error: unknown) => {
    const body: ErrorBody =
      error instanceof ApiError ? error.body : { code: 'failed', message: String(error) };
    setRefusal({ error: body, markers: markersOf(body, text) });
  };

  const preview = useMutation({
    mutationFn: () => editorApi.preview(cluster ?? '', text, choices),
    onMutate: () => {
      setRefusal(undefined);
      setApplied(undefined);
      setPreviewed(undefined);
    },
    onSuccess: (answer) => setPreviewed({ text: checkedKey, answer }),
    onError: refused,
  });
  const apply = useMutation({
    mutationFn: () => editorApi.apply(cluster ?? '', text, choices),
    onMutate: () => setRefusal(undefined),
    onSuccess: (answer) => setApplied(answer),
    onError: refused,
  });

  const current = previewed?.text === checkedKey ? previewed.answer : undefined;
  const conflicts =
    current?.results.filter((result) => (result.error as ErrorBody | undefined)?.code === 'apply-conflict')
      .length ?? 0;
  const previewFailures = current?.results.filter((result) => result.action === 'failed').length ?? 0;
  const markers = refusal?.markers ?? documentErrors((applied ?? current)?.results ?? [], text);
  const change = (next: string) => {
    setText(next);
    setApplied(undefined);
  };

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('create.yamlTitle')}
          </Typography.Title>
          <CreateSwitch />
        </Space>
        <Space wrap>
          <ClusterPicker value={cluster} onChange={setCluster} />
          <Input
            aria-label={t('create.defaultNamespace')}
            placeholder={t('create.defaultNamespace')}
            title={t('create.defaultNamespaceHelp')}
            style={{ width: 200 }}
            value={namespace}
            onChange={(event) => setNamespace(event.target.value)}
          />
          <Upload
            accept=".yaml,.yml,.json"
            showUploadList={false}
            beforeUpload={async (file) => {
              change(await file.text());
              return false;
            }}
          >
            <Button>{t('create.upload')}</Button>
          </Upload>
        </Space>
      </Flex>
      {cluster && !mayWrite && <Alert type="warning" showIcon title={t('create.mayNotWrite', { cluster })} />}
      <Card size="small">
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">{t('create.yamlHelp')}</Typography.Text>
          <Suspense fallback={<Skeleton active paragraph={{ rows: 12 }} />}>
            <KubeYamlEditor cluster={cluster} value={text} onChange={change} markers={markers} height={440} />
          </Suspense>
          <Space>
            <Button
              disabled={!cluster || !text.trim() || !mayWrite}
              loading={preview.isPending}
              onClick={() => preview.mutate()}
            >
              {t('create.dryRun')}
            </Button>
            <Button
              type="primary"
              disabled={!current || previewFailures > 0 || !mayWrite}
              loading={apply.isPending}
              onClick={() => apply.mutate()}
            >
              {t('create.applyAll', { count: current?.results.length ?? 0 })}
            </Button>
            <Checkbox checked={force} onChange={(event) => setForce(event.target.checked)}>
              {t('create.force')}
            </Checkbox>
            {!current && text.trim() && !refusal && (
              <Typography.Text type="secondary">{t('create.dryRunFirst')}</Typography.Text>
            )}
          </Space>
        </Flex>
      </Card>
      {refusal && (
        <Alert
          type="error"
          showIcon
          data-refusal
          title={t('editor.refused')}
          description={
            <Flex vertical gap={2}>
              <span>{refusal.error.message}</span>
              {refusal.markers.map((marker) => (
                <Typography.Text code key={`${marker.line}:${marker.message}`}>
                  {t('editor.line', { line: marker.line, message: marker.message })}
                </Typography.Text>
              ))}
            </Flex>
          }
        />
      )}
      {applied && cluster && (
        <Card
          size="small"
          title={t('create.appliedTitle', { failed: applied.failed, count: applied.results.length })}
        >
          <ApplyResults cluster={cluster} results={applied.results} />
        </Card>
      )}
      {!applied && current && cluster && (
        <Card size="small" title={t('create.previewTitle', { count: current.results.length })}>
          {conflicts > 0 && !force && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 8 }}
              title={t('create.conflictHint', { count: conflicts })}
            />
          )}
          {previewFailures > 0 && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 8 }}
              title={t('create.fixFirst', { count: previewFailures })}
            />
          )}
          <ApplyResults cluster={cluster} results={current.results} />
        </Card>
      )}
    </Flex>
  );
}
