import { theme as antTheme } from 'antd';
import { useEffect, useId, useRef } from 'react';
import { useSettings } from '../../app/settings.tsx';
import { monaco, setModelSchema } from './monaco.ts';

/** A problem to mark in the text: 1-based line (and column), as the server and the YAML parser say. */
export interface EditorMarker {
  line: number;
  column?: number;
  message: string;
}

export interface CodeEditorProps {
  value: string;
  onChange?: (value: string) => void;
  readOnly?: boolean;
  /** A JSON schema the YAML is checked against (completion and hovers come from it too). */
  schema?: object | undefined;
  markers?: EditorMarker[];
  height?: number | string;
  /** For the browser tests and screen readers. */
  label: string;
}

/** Monaco's YAML editor, themed with the console, with the schema and markers it is given. */
export default function CodeEditor({
  value,
  onChange,
  readOnly,
  schema,
  markers,
  height = 480,
  label,
}: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;
  const { theme } = useSettings();
  const { token } = antTheme.useToken();
  // One model per editor; the schema is bound to its URI.
  const uri = `file:///portolan/${useId().replace(/[^a-zA-Z0-9]/g, '')}.yaml`;

  // The editor is made once per mount; value, options, schema and markers follow in the effects below.
  // biome-ignore lint/correctness/useExhaustiveDependencies: made once per mount
  useEffect(() => {
    if (!host.current) return;
    const model = monaco.editor.createModel(value, 'yaml', monaco.Uri.parse(uri));
    const created = monaco.editor.create(host.current, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 13,
      tabSize: 2,
      readOnly: readOnly ?? false,
      ariaLabel: label,
      renderValidationDecorations: 'on',
      fixedOverflowWidgets: true,
    });
    const listener = model.onDidChangeContent(() => changed.current?.(model.getValue()));
    editor.current = created;
    return () => {
      listener.dispose();
      created.dispose();
      model.dispose();
      setModelSchema(uri, undefined);
      editor.current = null;
    };
  }, [uri]);

  useEffect(() => {
    const model = editor.current?.getModel();
    // Only a change from outside (a reset, an upload) replaces the text: typing must keep its cursor.
    if (model && model.getValue() !== value) model.setValue(value);
  }, [value]);

  useEffect(() => {
    editor.current?.updateOptions({ readOnly: readOnly ?? false });
  }, [readOnly]);

  useEffect(() => setModelSchema(uri, schema), [uri, schema]);

  useEffect(() => {
    const model = editor.current?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      'portolan',
      (markers ?? []).map((marker) => {
        const line = Math.min(Math.max(1, marker.line), model.getLineCount());
        const column = marker.column ?? model.getLineFirstNonWhitespaceColumn(line) ?? 1;
        return {
          severity: monaco.MarkerSeverity.Error,
          message: marker.message,
          startLineNumber: line,
          startColumn: Math.max(1, column),
          endLineNumber: line,
          endColumn: model.getLineMaxColumn(line),
        };
      }),
    );
  }, [markers]);

  useEffect(() => monaco.editor.setTheme(theme === 'dark' ? 'vs-dark' : 'vs'), [theme]);

  return (
    <div
      ref={host}
      data-editor={label}
      style={{ height, border: `1px solid ${token.colorBorder}`, borderRadius: token.borderRadius }}
    />
  );
}
