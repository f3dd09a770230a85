// Vite builds this as its own worker (imported with `?worker`); importing monaco-yaml's worker file
// through a module of our own avoids the "Unexpected usage" error monaco-yaml's README describes.
import 'monaco-yaml/yaml.worker.js';
