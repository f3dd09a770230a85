import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev -w @portolan/web` serves the console with hot reload and sends the API to a running
// Portolan server (PORTOLAN_URL, default the README's start command's address).
const server = process.env.PORTOLAN_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // monaco-yaml's worker imports `monaco-editor/esm/vs/…`, which monaco-editor 0.57's exports map
    // (`./*` → `./esm/vs/*.js`) no longer resolves: point that old spelling at the files themselves.
    alias: [
      {
        find: /^monaco-editor\/esm\/(.*)$/,
        replacement: `${fileURLToPath(new URL('../../node_modules/monaco-editor/esm/', import.meta.url))}$1`,
      },
    ],
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/api': { target: server, changeOrigin: false, ws: true } },
  },
  preview: { host: '127.0.0.1', proxy: { '/api': { target: server, ws: true } } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Each page is its own chunk (React.lazy); the shell's libraries stay in one cached vendor chunk.
    chunkSizeWarningLimit: 1500,
  },
});
