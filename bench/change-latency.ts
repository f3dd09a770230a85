/**
 * Watch-to-store latency as a client sees it: changes sent to member clusters carry their send time
 * (`data.sentAt`), and Portolan's change stream reports each stored row; the difference is the latency.
 */
import { type Endpoint, send } from './kube-endpoint.ts';

export interface LatencyReader {
  latencies: number[];
  stop(): Promise<void>;
}

/** Reads a change stream (GET /api/v1/changes?…) and keeps one latency per reported sentAt. */
export async function readLatencies(url: string, headers: Record<string, string>): Promise<LatencyReader> {
  const latencies: number[] = [];
  const controller = new AbortController();
  const stream = await fetch(url, { signal: controller.signal, headers });
  if (!stream.ok) throw new Error(`the change stream answered ${stream.status}: ${await stream.text()}`);
  const reading = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of stream.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const sent = /"sentAt":"(\d+)"/.exec(buffer.slice(0, end));
        if (sent?.[1]) latencies.push(Date.now() - Number(sent[1]));
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
      }
    }
  })().catch(() => undefined);
  return {
    latencies,
    async stop() {
      controller.abort();
      await reading;
    },
  };
}

/**
 * Patches `rate` ConfigMaps a second for `seconds` (cm-0… in namespace bench), spread over the
 * endpoints in turn, each carrying its send time; resolves when every patch was answered.
 */
export async function patchAtRate(
  endpoints: Endpoint[],
  options: { rate: number; seconds: number; perCluster: number },
): Promise<number> {
  const total = options.rate * options.seconds;
  const began = Date.now();
  const pending: Promise<number>[] = [];
  for (let i = 0; i < total; i++) {
    const due = began + (i * 1000) / options.rate;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const endpoint = endpoints[i % endpoints.length] as Endpoint;
    pending.push(
      send(
        endpoint,
        'PATCH',
        `/api/v1/namespaces/bench/configmaps/cm-${Math.floor(i / endpoints.length) % options.perCluster}`,
        { data: { sentAt: String(Date.now()) } },
        'application/merge-patch+json',
      ),
    );
  }
  await Promise.all(pending);
  return total;
}
