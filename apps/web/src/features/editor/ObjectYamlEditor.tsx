import type { ErrorBody, PreviewedDocument } from '@portolan/api';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Modal, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';
import type { EditorMarker } from './CodeEditor.tsx';
import DiffView from './DiffView.tsx';
import { editorApi } from './editor-api.ts';
import { markersOf } from './error-markers.ts';
import KubeYamlEditor from './KubeYamlEditor.tsx';
import { editable, toYaml } from './yaml-text.ts';

/** Any Kubernetes object as JSON. */
export type KubeObject = Record<string, unknown> & {
  metadata?: Record<string, unknown> & { name?: string; namespace?: string };
};

export interface ObjectYamlEditorProps {
  cluster: string;
  /** The object as the cluster has it now (a live read, not the store's copy). */
  object: KubeObject;
  /** After a successful apply, with the object the cluster answered. */
  onApplied?: (object: KubeObject) => void;
  height?: number | string;
  /** Only show it (the caller may not change it). */
  readOnly?: boolean;
}

interface Refusal {
  error: ErrorBody;
  markers: EditorMarker[];
}

function refusalOf(error: unknown, text: string): Refusal {
  const body: ErrorBody = error instanceof ApiError ? error.body : { code: 'failed', message: String(error) };
  return { error: body, markers: markersOf(body, text) };
}

/** The document's own failure inside a 200 answer (the batch answered; this document did not pass). */
const documentError = (result: { error?: unknown } | undefined) => result?.error as ErrorBody | undefined;

/**
 * One object as YAML (managedFields hidden): edit it, review the cluster's dry run of the change as a
 * diff, then apply it. The cluster's refusals (malformed YAML, invalid fields, conflicts, missing
 * permissions) are marked on their lines and said in words.
 */
export default function ObjectYamlEditor({
  cluster,
  object,
  onApplied,
  height = 520,
  readOnly = false,
}: ObjectYamlEditorProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const original = useMemo(() => toYaml(editable(object)), [object]);
  const [text, setText] = useState(original);
  const [refusal, setRefusal] = useState<Refusal>();
  const [review, setReview] = useState<PreviewedDocument>();
  // Set once the user chose to take over fields other managers own; the review and apply both use it.
  const [force, setForce] = useState(false);
  const name = `${String(object.kind ?? '')} ${object.metadata?.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata?.name ?? ''}`;

  const preview = useMutation({
    mutationFn: (withForce: boolean) => editorApi.preview(cluster, text, withForce ? { force: true } : {}),
    onMutate: () => setRefusal(undefined),
    onSuccess: (answer) => {
      const [result] = answer.results;
      const failed = documentError(result);
      if (failed) setRefusal({ error: failed, markers: markersOf(failed, text) });
      else setReview(result);
    },
    onError: (error) => setRefusal(refusalOf(error, text)),
  });

  const apply = useMutation({
    mutationFn: (force: boolean) => editorApi.apply(cluster, text, force ? { force } : {}),
    onSuccess: (answer) => {
      const [result] = answer.results;
      const failed = documentError(result);
      if (failed) {
        setRefusal({ error: failed, markers: markersOf(failed, text) });
        if (failed.code !== 'apply-conflict') setReview(undefined);
        return;
      }
      setReview(undefined);
      setRefusal(undefined);
      void message.success(t('editor.applied', { name }));
      if (result?.object) onApplied?.(result.object as KubeObject);
    },
    onError: (error) => {
      setRefusal(refusalOf(error, text));
      setReview(undefined);
    },
  });

  const conflict = refusal?.error.code === 'apply-conflict';
  const after = useMemo(
    () => (review?.object ? toYaml(editable(review.object as KubeObject)) : ''),
    [review],
  );

  const refusalNotice = refusal && (
    <Alert
      type="error"
      showIcon
      title={conflict ? t('editor.conflict') : t('editor.refused')}
      action={
        conflict && !review ? (
          <Button
            danger
            loading={preview.isPending}
            onClick={() => {
              setForce(true);
              preview.mutate(true);
            }}
          >
            {t('editor.takeOver')}
          </Button>
        ) : undefined
      }
      data-refusal
      description={
        <Flex vertical gap={2}>
          <span>{refusal.error.message}</span>
          {refusal.markers.map((marker) => (
            <Typography.Text key={`${marker.line}:${marker.message}`} code>
              {t('editor.line', { line: marker.line, message: marker.message })}
            </Typography.Text>
          ))}
        </Flex>
      }
    />
  );

  return (
    <Flex vertical gap={8}>
      <Space style={{ display: readOnly ? 'none' : undefined }}>
        <Button
          type="primary"
          disabled={text === original}
          loading={preview.isPending}
          onClick={() => preview.mutate(force)}
        >
          {t('editor.review')}
        </Button>
        <Button
          disabled={text === original}
          onClick={() => {
            setText(original);
            setRefusal(undefined);
            setForce(false);
          }}
        >
          {t('editor.reset')}
        </Button>
      </Space>
      {!review && refusalNotice}
      <KubeYamlEditor
        cluster={cluster}
        value={text}
        onChange={setText}
        readOnly={readOnly}
        markers={refusal?.markers ?? []}
        height={height}
      />
      <Modal
        open={Boolean(review)}
        width="min(1200px, 94vw)"
        title={t('editor.reviewTitle', { name })}
        onCancel={() => setReview(undefined)}
        destroyOnHidden
        footer={
          <Space>
            <Button onClick={() => setReview(undefined)}>{t('editor.back')}</Button>
            {conflict ? (
              <Button danger loading={apply.isPending} onClick={() => apply.mutate(true)}>
                {t('editor.applyForce')}
              </Button>
            ) : (
              <Button
                type="primary"
                disabled={review?.action === 'unchanged'}
                loading={apply.isPending}
                onClick={() => apply.mutate(force)}
              >
                {t('editor.apply')}
              </Button>
            )}
          </Space>
        }
      >
        <Flex vertical gap={8}>
          {review?.action === 'unchanged' ? (
            <Alert type="info" showIcon title={t('editor.unchanged')} />
          ) : (
            <Typography.Text type="secondary">{t('editor.reviewHint')}</Typography.Text>
          )}
          {review?.warnings?.length ? (
            <Alert
              type="warning"
              showIcon
              title={t('editor.warnings')}
              description={review.warnings.join('\n')}
            />
          ) : null}
          {refusalNotice}
          {review && <DiffView original={original} modified={after} label={t('editor.diffLabel')} />}
        </Flex>
      </Modal>
    </Flex>
  );
}
