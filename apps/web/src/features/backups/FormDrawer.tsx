import { Button, Drawer, Space } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../app/i18n.tsx';

/**
 * A drawer holding one form: Cancel and the form's own Save at the top right, emptied when it closes.
 * The backup drawers (plan, destination, Velero), the lifecycle pool drawer and the alerting and
 * inspection drawers (through alerting/DocumentDrawer.tsx) share it.
 */
export function FormDrawer(props: {
  open: boolean;
  onClose(): void;
  size: number;
  title: ReactNode;
  /** The save button's words ("Save", "Create"). */
  saveText: string;
  saving: boolean;
  /** True while the form cannot be saved yet (what it is filled from is still loading). */
  saveDisabled?: boolean;
  onSave(): void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Drawer
      open={props.open}
      onClose={props.onClose}
      size={props.size}
      destroyOnHidden
      title={props.title}
      extra={
        <Space>
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={props.saving} disabled={props.saveDisabled} onClick={props.onSave}>
            {props.saveText}
          </Button>
        </Space>
      }
    >
      {props.children}
    </Drawer>
  );
}
