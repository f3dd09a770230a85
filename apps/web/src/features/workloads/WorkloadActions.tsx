import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../app/i18n.tsx';
import { AutoscalerDrawer } from './AutoscalerDrawer.tsx';
import { ScaleModal } from './ScaleModal.tsx';
import { replicasOf, workloadKind } from './workload-model.ts';
import { type Autoscaler, type WorkloadRef, type WorkloadView, workloadsApi } from './workloads-api.ts';

/**
 * The actions a workload's kind has, each shown only to a caller who may take it (`canWrite`); the
 * autoscaler can be viewed by anyone who sees the workload. Refusals show the server's reason.
 */
export function WorkloadActions({
  workload,
  view,
  autoscaler,
  canWrite,
}: {
  workload: WorkloadRef;
  view: WorkloadView;
  autoscaler: Autoscaler | null | undefined;
  canWrite: boolean;
}) {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [open, setOpen] = useState<'scale' | 'autoscaler' | undefined>();
  const descriptor = workloadKind(workload.kind);
  const kind = descriptor?.kind ?? workload.kind;
  const { name } = workload;
  const spec = view.object.spec ?? {};

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['workloads'] });
  /** Runs an action; success says what happened, a refusal says the server's reason. */
  const run = async <T,>(action: () => Promise<T>, done: (answer: T) => string) => {
    try {
      const answer = await action();
      message.success(done(answer));
      // Not awaited: a dialog closes once the action is done, not when every view has refetched.
      void refresh();
      return answer;
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
      throw error;
    }
  };
  const confirm = (
    title: string,
    content: string,
    okText: string,
    onOk: () => Promise<unknown>,
    danger = false,
  ) =>
    modal.confirm({
      title,
      content,
      okText,
      okButtonProps: { danger },
      cancelText: t('common.cancel'),
      onOk: () => onOk().catch(() => undefined),
    });

  const simple = (action: 'pause' | 'resume' | 'suspend', doneKey: 'pause' | 'resume' | 'suspend') => () =>
    void run(
      () => workloadsApi.act(workload, action),
      () => t(`workloads.action.done.${doneKey}`, { name }),
    ).catch(() => undefined);
  const start = (action: 'rerun' | 'trigger') =>
    run(
      () => workloadsApi.start(workload, action),
      (job) => t(`workloads.action.done.${action}`, { job: job.metadata?.name ?? '' }),
    );

  const replicas = replicasOf(view.object, kind);
  const buttons: React.ReactNode[] = [];
  if (canWrite && descriptor?.scalable)
    buttons.push(
      <Button key="scale" type="primary" onClick={() => setOpen('scale')}>
        {t('workloads.action.scale')}
      </Button>,
    );
  if (kind === 'Deployment' || kind === 'StatefulSet')
    buttons.push(
      <Button key="autoscaler" onClick={() => setOpen('autoscaler')}>
        {t('workloads.action.autoscaler')}
      </Button>,
    );
  if (canWrite && descriptor?.restartable)
    buttons.push(
      <Button
        key="restart"
        onClick={() =>
          confirm(
            t('workloads.action.restartTitle', { name }),
            t('workloads.action.restartText', { name }),
            t('workloads.action.restart'),
            () =>
              run(
                () => workloadsApi.act(workload, 'restart'),
                () => t('workloads.action.done.restart', { name }),
              ),
          )
        }
      >
        {t('workloads.action.restart')}
      </Button>,
    );
  if (canWrite && kind === 'Deployment')
    buttons.push(
      spec.paused ? (
        <Button key="resume" onClick={simple('resume', 'resume')}>
          {t('workloads.action.resume')}
        </Button>
      ) : (
        <Button key="pause" onClick={simple('pause', 'pause')}>
          {t('workloads.action.pause')}
        </Button>
      ),
    );
  if (canWrite && kind === 'Job')
    buttons.push(
      <Button
        key="rerun"
        onClick={() =>
          confirm(
            t('workloads.action.rerunTitle', { name }),
            t('workloads.action.rerunText', { name }),
            t('workloads.action.rerun'),
            () => start('rerun'),
          )
        }
      >
        {t('workloads.action.rerun')}
      </Button>,
    );
  if (canWrite && kind === 'CronJob') {
    buttons.push(
      <Button key="trigger" onClick={() => void start('trigger').catch(() => undefined)}>
        {t('workloads.action.trigger')}
      </Button>,
      spec.suspend ? (
        <Button key="resume" onClick={simple('resume', 'resume')}>
          {t('workloads.action.resumeCron')}
        </Button>
      ) : (
        <Button key="suspend" onClick={simple('suspend', 'suspend')}>
          {t('workloads.action.suspend')}
        </Button>
      ),
    );
  }
  if (canWrite)
    buttons.push(
      <Button
        key="delete"
        danger
        onClick={() =>
          confirm(
            t('workloads.action.deleteTitle', { kind, name }),
            t('workloads.action.deleteText', {
              kind,
              name,
              namespace: workload.namespace,
              cluster: workload.cluster,
            }),
            t('workloads.action.deleteConfirm', { name }),
            async () => {
              try {
                await workloadsApi.remove(workload);
              } catch (error) {
                message.error(error instanceof Error ? error.message : String(error));
                throw error;
              }
              message.success(t('workloads.action.done.delete', { kind, name }));
              // Leave first: the page's own view would only answer 404 now.
              navigate(`/workloads?q=${encodeURIComponent(name)}`);
              queryClient.removeQueries({ queryKey: ['workloads', 'view', workload] });
              void queryClient.invalidateQueries({ queryKey: ['workloads', 'list'] });
            },
            true,
          )
        }
      >
        {t('workloads.action.delete')}
      </Button>,
    );

  return (
    <>
      <Space wrap>{buttons}</Space>
      {replicas.type === 'pods' && (
        <ScaleModal
          name={name}
          open={open === 'scale'}
          desired={replicas.desired}
          ready={replicas.ready}
          autoscaler={autoscaler}
          onClose={() => setOpen(undefined)}
          onScale={(count) =>
            workloadsApi.scale(workload, count).then((answer) => {
              message.success(t('workloads.action.done.scale', { name, replicas: count }));
              void refresh();
              return answer;
            })
          }
        />
      )}
      <AutoscalerDrawer
        name={name}
        open={open === 'autoscaler'}
        autoscaler={autoscaler}
        canWrite={canWrite}
        onClose={() => setOpen(undefined)}
        onSave={(settings) =>
          workloadsApi.setAutoscaler(workload, settings).then((answer) => {
            message.success(t('workloads.action.done.autoscaler', { name }));
            void refresh();
            return answer;
          })
        }
        onRemove={() =>
          run(
            () => workloadsApi.removeAutoscaler(workload),
            () => t('workloads.action.done.autoscalerRemoved', { name }),
          )
        }
      />
    </>
  );
}
