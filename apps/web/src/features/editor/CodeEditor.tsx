import { theme as antTheme } from 'antd';
import { useEffect, useId, useLayoutEffect, useRef } from 'react';
import type { monaco as MonacoApi } from './monaco.ts';
import { useMonaco } from './use-monaco.ts';

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
  const editor = useRef<MonacoApi.editor.IStandaloneCodeEditor | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;
  const kit = useMonaco();
  // What an editor made again in another language's Monaco starts from: the text, cursor and scroll.
  const kept = useRef<{
    text: string;
    view: MonacoApi.editor.ICodeEditorViewState | null;
    focused: boolean;
  } | null>(null);
  const { token } = antTheme.useToken();
  // One model per editor; the schema is bound to its URI.
  const uri = `file:///portolan/${useId().replace(/[^a-zA-Z0-9]/g, '')}.yaml`;

  // The editor is made once per mount, and again when the language (so the Monaco copy) changes;
  // value, options, schema and markers follow in the effects below.
  // biome-ignore lint/correctness/useExhaustiveDependencies: made once per mount and Monaco copy
  useEffect(() => {
    if (!host.current) return;
    const { monaco } = kit;
    const start = kept.current;
    kept.current = null;
    const model = monaco.editor.createModel(start?.text ?? value, 'yaml', monaco.Uri.parse(uri));
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
    if (start?.view) created.restoreViewState(start.view);
    if (start?.focused) created.focus();
    const listener = model.onDidChangeContent(() => changed.current?.(model.getValue()));
    editor.current = created;
    return () => {
      kept.current = {
        text: model.getValue(),
        view: created.saveViewState(),
        focused: created.hasTextFocus(),
      };
      listener.dispose();
      created.dispose();
      model.dispose();
      kit.setModelSchema(uri, undefined);
      editor.current = null;
    };
  }, [uri, kit]);

  // A layout effect, run in the same task as the render: a passive one runs after the paint, and a key
  // typed in between (a slow frame) made the text differ from the value of that render, which then
  // replaced it, losing the key (seen as '-v2' typed and '-v' kept).
  useLayoutEffect(() => {
    const model = editor.current?.getModel();
    // Only a change from outside (a reset, an upload) replaces the text: typing must keep its cursor.
    if (model && model.getValue() !== value) model.setValue(value);
  }, [value]);

  useEffect(() => {
    editor.current?.updateOptions({ readOnly: readOnly ?? false });
  }, [readOnly]);

  useEffect(() => kit.setModelSchema(uri, schema), [uri, schema, kit]);

  useEffect(() => {
    const model = editor.current?.getModel();
    if (!model) return;
    const { monaco } = kit;
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
  }, [markers, kit]);

  return (
    <div
      ref={host}
      data-editor={label}
      style={{ height, border: `1px solid ${token.colorBorder}`, borderRadius: token.borderRadius }}
    />
  );
}
