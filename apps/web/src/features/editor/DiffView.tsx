import { theme as antTheme } from 'antd';
import { useEffect, useRef } from 'react';
import { useMonaco } from './use-monaco.ts';

export interface DiffViewProps {
  original: string;
  modified: string;
  height?: number | string;
  label: string;
}

/** Monaco's side-by-side diff of two YAML texts, read-only. */
export default function DiffView({ original, modified, height = 420, label }: DiffViewProps) {
  const host = useRef<HTMLDivElement>(null);
  const kit = useMonaco();
  const { token } = antTheme.useToken();

  useEffect(() => {
    if (!host.current) return;
    const { monaco } = kit;
    const before = monaco.editor.createModel(original, 'yaml');
    const after = monaco.editor.createModel(modified, 'yaml');
    const diff = monaco.editor.createDiffEditor(host.current, {
      automaticLayout: true,
      readOnly: true,
      originalEditable: false,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 13,
      renderSideBySide: true,
      hideUnchangedRegions: { enabled: true },
      ariaLabel: label,
    });
    diff.setModel({ original: before, modified: after });
    return () => {
      diff.dispose();
      before.dispose();
      after.dispose();
    };
  }, [original, modified, label, kit]);

  return (
    <div
      ref={host}
      data-diff={label}
      style={{ height, border: `1px solid ${token.colorBorder}`, borderRadius: token.borderRadius }}
    />
  );
}
