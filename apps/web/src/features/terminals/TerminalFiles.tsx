import { TERMINAL_UPLOAD_LIMIT } from '@portolan/api';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Modal, Table, Tooltip, Typography } from 'antd';
import { useRef, useState } from 'react';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { type TerminalFile, terminalsApi, uploadFile } from './terminals-api.ts';

/**
 * Upload a file into the session's home (a manifest to apply) with its progress, and download one
 * out of it from a list of the home's files.
 */
export function TerminalFiles(props: { sessionId: string; cluster: string; disabled: boolean }) {
  const { sessionId, cluster, disabled } = props;
  const { t, format } = useI18n();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [listing, setListing] = useState(false);
  const [uploading, setUploading] = useState(false);
  const limit = format.bytes(TERMINAL_UPLOAD_LIMIT);

  const upload = async (file: File) => {
    const key = `upload-${sessionId}`;
    if (file.size > TERMINAL_UPLOAD_LIMIT) {
      message.error({
        key,
        content: t('terminals.uploadTooBig', { name: file.name, size: format.bytes(file.size), limit }),
      });
      return;
    }
    setUploading(true);
    const show = (sent: number, total: number) =>
      message.loading({
        key,
        duration: 0,
        content: t('terminals.uploading', { name: file.name, percent: format.percent(sent, total || 1) }),
      });
    show(0, file.size);
    try {
      const stored = await uploadFile(sessionId, file, show).done;
      message.success({ key, content: t('terminals.uploaded', { name: stored.path }), duration: 6 });
    } catch (error) {
      message.error({
        key,
        duration: 10,
        content: t('terminals.uploadRefused', {
          name: file.name,
          reason: error instanceof Error ? error.message : String(error),
        }),
      });
    } finally {
      setUploading(false);
    }
  };

  return (
    <>
      <Tooltip title={t('terminals.uploadHelp', { limit })}>
        <Button size="small" disabled={disabled} loading={uploading} onClick={() => input.current?.click()}>
          {t('terminals.upload')}
        </Button>
      </Tooltip>
      <input
        ref={input}
        type="file"
        hidden
        data-testid="terminal-upload"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void upload(file);
        }}
      />
      <Tooltip title={t('terminals.downloadHelp')}>
        <Button size="small" disabled={disabled} onClick={() => setListing(true)}>
          {t('terminals.download')}
        </Button>
      </Tooltip>
      {listing && <FilesModal sessionId={sessionId} cluster={cluster} onClose={() => setListing(false)} />}
    </>
  );
}

function FilesModal(props: { sessionId: string; cluster: string; onClose(): void }) {
  const { sessionId, cluster, onClose } = props;
  const { t, format } = useI18n();
  const files = useQuery({
    queryKey: ['terminals', sessionId, 'files'],
    queryFn: () => terminalsApi.files(sessionId),
    staleTime: 0,
  });
  return (
    <Modal
      open
      width={640}
      title={t('terminals.files.title', { cluster })}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('terminals.files.close')}</Button>}
    >
      {files.error && <ErrorNotice error={files.error} onRetry={() => void files.refetch()} />}
      <Table<TerminalFile>
        size="small"
        rowKey="path"
        loading={files.isFetching}
        dataSource={files.data?.items ?? []}
        pagination={false}
        scroll={{ y: 360 }}
        locale={{ emptyText: t('terminals.files.empty') }}
        columns={[
          {
            title: t('terminals.files.path'),
            key: 'path',
            render: (_, file) => (
              <Typography.Link
                href={terminalsApi.fileUrl(sessionId, file.path)}
                download={file.path.split('/').pop()}
              >
                {file.path}
              </Typography.Link>
            ),
          },
          {
            title: t('terminals.files.size'),
            key: 'size',
            width: 100,
            render: (_, file) => format.bytes(file.size),
          },
          {
            title: t('terminals.files.modified'),
            key: 'modified',
            width: 180,
            render: (_, file) => format.dateTime(file.modifiedAt),
          },
        ]}
      />
    </Modal>
  );
}
