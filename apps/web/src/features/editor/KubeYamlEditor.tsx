import { Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import CodeEditor, { type EditorMarker } from './CodeEditor.tsx';
import { useKubeSchema } from './use-kube-schema.ts';

export interface KubeYamlEditorProps {
  /** Whose OpenAPI schemas check the text. */
  cluster: string | undefined;
  value: string;
  onChange?: (value: string) => void;
  readOnly?: boolean;
  markers?: EditorMarker[];
  height?: number | string;
  label?: string;
}

/** A YAML editor whose documents are checked, completed and explained by the cluster's own schemas. */
export default function KubeYamlEditor({ cluster, value, label, ...rest }: KubeYamlEditorProps) {
  const { t } = useI18n();
  const { schema, types, loading } = useKubeSchema(cluster, value);
  const kinds = (described: boolean) =>
    types
      .filter((type) => type.described === described)
      .map((type) => type.kind)
      .join(', ');
  return (
    <div>
      <CodeEditor value={value} schema={schema} label={label ?? t('editor.label')} {...rest} />
      {cluster && types.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-schema-status>
          {loading
            ? t('editor.schemaLoading', { cluster })
            : [
                kinds(true) && t('editor.schemaChecked', { cluster, kinds: kinds(true) }),
                kinds(false) && t('editor.schemaMissing', { cluster, kinds: kinds(false) }),
              ]
                .filter(Boolean)
                .join(' · ')}
        </Typography.Text>
      )}
    </div>
  );
}
