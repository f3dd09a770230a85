/**
 * The YAML editors, each its own lazy chunk: Monaco and monaco-yaml load with the first page that
 * shows an editor, never with the console's first route.
 */
import { lazy } from 'react';

export type { EditorMarker } from './CodeEditor.tsx';
export type { KubeYamlEditorProps } from './KubeYamlEditor.tsx';
export { editorEn } from './messages.ts';
export type { KubeObject, ObjectYamlEditorProps } from './ObjectYamlEditor.tsx';

/** One object as YAML: edit, review the dry run's diff, apply; refusals marked on their lines. */
export const ObjectYamlEditor = lazy(() => import('./ObjectYamlEditor.tsx'));
/** Any YAML text, checked against the cluster's own schemas. */
export const KubeYamlEditor = lazy(() => import('./KubeYamlEditor.tsx'));
/** A read-only side-by-side diff of two YAML texts. */
export const YamlDiff = lazy(() => import('./DiffView.tsx'));
