/**
 * Monaco with only what the console uses: the editor's features, the YAML language and monaco-yaml's
 * schema validation, all from the bundle (the machine may be offline: no CDN loader). Imported only by
 * the editor's lazy chunks, so the first route never carries it.
 */
// First, and bare (so import sorting keeps it first): Monaco finds its messages in this copy's
// language when it loads.
import './monaco-locale.ts';
import * as monaco from 'monaco-editor/editor/editor.api.js';
import 'monaco-editor/features/register.all.js';
import 'monaco-editor/languages/definitions/yaml/register.js';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import { configureMonacoYaml, type SchemasSettings } from 'monaco-yaml';
import { monacoLocale, speakMonacoLocale } from './monaco-locale.ts';
import YamlWorker from './yaml.worker.ts?worker';

// Monaco's own editor worker (diffs, links, word ranges); the YAML worker starts below.
globalThis.MonacoEnvironment = { getWorker: () => new EditorWorker() };

/**
 * monaco-yaml 5 starts its worker with `editor.createWebWorker({ label, moduleId, createData })`,
 * the options Monaco took before 0.55; Monaco 0.57 takes the Worker itself. This starts the YAML
 * worker the way Monaco's own language workers start now: a first message wakes it, the second
 * carries the options.
 */
const yamlMonaco = {
  ...monaco,
  editor: {
    ...monaco.editor,
    createWebWorker: (options: { createData?: unknown; host?: Record<string, () => unknown> }) => {
      const worker = new YamlWorker();
      worker.postMessage('ignore');
      worker.postMessage(options.createData);
      return monaco.editor.createWebWorker({ worker, ...(options.host ? { host: options.host } : {}) });
    },
  },
} as unknown as Parameters<typeof configureMonacoYaml>[0];

const yaml = configureMonacoYaml(yamlMonaco, {
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

/** What the editors use of one loaded copy of Monaco. */
export const kit = {
  monaco,
  setModelSchema,
  monacoLocale,
  speakMonacoLocale,
  /** This chunk's own address: use-monaco.ts imports it again under `?locale=` for another language. */
  chunkUrl: import.meta.url,
};
export type MonacoKit = typeof kit;

/** Heard by use-monaco.ts when it loads a copy: a bundled chunk's exports have no stable names. */
export const MONACO_LOADED = 'portolan:monaco-loaded';
dispatchEvent(new CustomEvent<MonacoKit>(MONACO_LOADED, { detail: kit }));

export { monaco };
