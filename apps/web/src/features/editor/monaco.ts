/**
 * Monaco with only what the console uses: the editor's features, the YAML language and monaco-yaml's
 * schema validation, all from the bundle (the machine may be offline: no CDN loader). Imported only by
 * the editor's lazy chunks, so the first route never carries it.
 */
import * as monaco from 'monaco-editor/editor/editor.api.js';
import 'monaco-editor/features/register.all.js';
import 'monaco-editor/languages/definitions/yaml/register.js';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import { configureMonacoYaml, type SchemasSettings } from 'monaco-yaml';
import YamlWorker from './yaml.worker.ts?worker';

globalThis.MonacoEnvironment = {
  getWorker: (_moduleId: string, label: string) => (label === 'yaml' ? new YamlWorker() : new EditorWorker()),
};

const yaml = configureMonacoYaml(monaco, {
  enableSchemaRequest: false,
  completion: true,
  hover: true,
  validate: true,
  schemas: [],
});

/** One schema per open editor model, by the model's URI; monaco-yaml holds one list for all. */
const schemas = new Map<string, SchemasSettings>();

export function setModelSchema(modelUri: string, schema: object | undefined): void {
  if (schema) {
    schemas.set(modelUri, {
      uri: `${modelUri.replace(/\.yaml$/, '')}.schema.json`,
      fileMatch: [modelUri],
      schema: schema as SchemasSettings['schema'],
    });
  } else {
    schemas.delete(modelUri);
  }
  void yaml.update({ schemas: [...schemas.values()] });
}

export { monaco };
