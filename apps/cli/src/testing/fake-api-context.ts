/** A fake of Portolan's own API client and the process around a command, for unit tests. */
import type { ApiClient, Query } from '../api-client.ts';
import type { CommandContext } from '../command-context.ts';

/** Answers GETs by path and query, and other methods by `sent`; records each call. */
export function fakeContext(
  answer: (path: string, query: Query) => unknown,
  sent: (method: string, path: string, body: unknown) => unknown = () => ({}),
) {
  const calls: { method?: string; path: string; query: Query; body?: unknown }[] = [];
  const output = { stdout: '', stderr: '' };
  const api: ApiClient = {
    server: 'http://fake',
    async get<T>(path: string, query: Query = {}) {
      calls.push({ path, query });
      const value = answer(path, query);
      if (value instanceof Error) throw value;
      return value as T;
    },
    async send<T>(method: string, path: string, body?: unknown, query: Query = {}) {
      calls.push({ method, path, query, body });
      const value = sent(method, path, body);
      if (value instanceof Error) throw value;
      return value as T;
    },
    async raw() {
      throw new Error('not used');
    },
  };
  const context: CommandContext = {
    write: (text) => {
      output.stdout += text;
    },
    out: (line) => {
      output.stdout += `${line}\n`;
    },
    err: (line) => {
      output.stderr += `${line}\n`;
    },
    now: () => new Date('2026-01-10T12:00:00Z'),
    env: {},
    connect: () => api,
  };
  return { calls, output, context };
}
