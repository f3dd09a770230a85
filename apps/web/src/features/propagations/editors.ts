import { lazy } from 'react';

/**
 * The YAML editor the propagation pages give a JSON schema of their own (a whole Propagation, or a
 * list of JSON patch operations): completion, hovers and marks come from it. Its own lazy chunk, as
 * the editor feature's are.
 */
export const SchemaYamlEditor = lazy(() => import('../editor/CodeEditor.tsx'));
