import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Flex, Form } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';
import { FormDrawer } from '../backups/FormDrawer.tsx';
import { DEFAULT_POOL, formPathOf, type PoolForm, poolFormOf, poolInputOf } from './cluster-form.ts';
import {
  lifecycleApi,
  lifecycleKeys,
  lifecyclePaths,
  type ManagedCluster,
  type NodePool,
} from './lifecycle-api.ts';
import { PoolFields } from './PoolFields.tsx';

/**
 * A node pool added, or one changed (count, labels, taints; its size too where the provider allows):
 * saved as one operation whose page follows it.
 */
export function PoolDrawer({
  cluster,
  pool,
  open,
  onClose,
}: {
  cluster: ManagedCluster;
  /** The pool edited; absent: a new one. */
  pool?: NodePool;
  open: boolean;
  onClose(): void;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PoolForm>();
  const [problem, setProblem] = useState<string>();
  const count = Form.useWatch('count', form);

  useEffect(() => {
    if (!open) return;
    setProblem(undefined);
    form.resetFields();
    form.setFieldsValue(pool ? poolFormOf(pool) : { ...DEFAULT_POOL, name: '', count: 1 });
  }, [open, pool, form]);

  const save = useMutation({
    mutationFn: (values: PoolForm) =>
      lifecycleApi.savePool(cluster.name, values.name.trim(), poolInputOf(values)),
    onSuccess: (operation) => {
      void queryClient.invalidateQueries({ queryKey: lifecycleKeys.all });
      onClose();
      navigate(lifecyclePaths.operation(operation.id));
    },
    onError: (error) => {
      // `/labels/env` or `/nodePools/0/labels` → the drawer's own field.
      const field =
        error instanceof ApiError ? (error.body.field ?? error.body.fields?.[0]?.field) : undefined;
      const path = field
        ? formPathOf(`nodePools/0/${field.replace(/^\/?(nodePools\/\d+\/)?/, '')}`)
        : undefined;
      if (path) form.setFields([{ name: path.slice(2) as never, errors: [error.message] }]);
      else setProblem(error.message);
    },
  });

  const others = () => cluster.nodePools.filter((each) => each.name !== pool?.name).map((each) => each.name);
  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      size={720}
      title={pool ? t('lifecycle.pools.editTitle', { pool: pool.name }) : t('lifecycle.pools.addTitle')}
      saveText={t('lifecycle.pools.save')}
      saving={save.isPending}
      onSave={() => form.submit()}
    >
      <Flex vertical gap={8}>
        {problem && <Alert type="error" showIcon title={problem} />}
        {pool && typeof count === 'number' && count < pool.count && (
          <Alert type="warning" showIcon title={t('lifecycle.pools.shrinkNote')} />
        )}
        <Form<PoolForm>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => save.mutate(values)}
        >
          <PoolFields prefix={[]} nameLocked={Boolean(pool)} otherNames={others} />
        </Form>
      </Flex>
    </FormDrawer>
  );
}
