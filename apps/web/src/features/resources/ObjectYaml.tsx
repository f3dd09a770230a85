import { useQueryClient } from '@tanstack/react-query';
import { Skeleton } from 'antd';
import { Suspense } from 'react';
import { ObjectYamlEditor } from '../editor/index.ts';
import type { KubeObject } from './resources-api.ts';
import { YamlView } from './YamlView.tsx';

/**
 * An object as YAML: those who may change it edit it in the shared editor (dry run, diff, apply);
 * others read it. The object must be a live read, as the editor applies over it.
 */
export function ObjectYaml({
  cluster,
  object,
  editable,
  onApplied,
}: {
  cluster: string;
  object: KubeObject;
  editable: boolean;
  onApplied?: () => void;
}) {
  const queryClient = useQueryClient();
  if (!editable) return <YamlView object={object} />;
  return (
    <Suspense fallback={<Skeleton active />}>
      <ObjectYamlEditor
        cluster={cluster}
        object={object}
        height="60vh"
        onApplied={() => {
          onApplied?.();
          void queryClient.invalidateQueries({ queryKey: ['resources', cluster] });
        }}
      />
    </Suspense>
  );
}
