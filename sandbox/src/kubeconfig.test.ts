import assert from 'node:assert/strict';
import { test } from 'node:test';
import YAML from 'yaml';
import { renderKubeconfig } from './kubeconfig.ts';
import { buildNode } from './nodes.ts';
import { resolveOptions } from './options.ts';

test('the kubeconfig embeds server, CA and client credentials in one current context', () => {
  const text = renderKubeconfig({
    clusterName: 'dev',
    userName: 'admin',
    server: 'https://127.0.0.1:6443',
    ca: 'CA',
    cert: 'CERT',
    key: 'KEY',
  });
  const config = YAML.parse(text);
  assert.equal(config['current-context'], 'admin@dev');
  assert.equal(config.clusters[0].cluster.server, 'https://127.0.0.1:6443');
  assert.equal(
    Buffer.from(config.clusters[0].cluster['certificate-authority-data'], 'base64').toString(),
    'CA',
  );
  assert.equal(Buffer.from(config.users[0].user['client-key-data'], 'base64').toString(), 'KEY');
});

test('nodes are spread over the zones round robin and carry the capacity asked for', () => {
  const options = resolveOptions({ name: 'dev', zones: ['a', 'b'], nodeCpu: '2', nodeLabels: { team: 'x' } });
  const zones = [0, 1, 2].map(
    (i) =>
      (buildNode(options, i).metadata as { labels: Record<string, string> }).labels[
        'topology.kubernetes.io/zone'
      ],
  );
  assert.deepEqual(zones, ['a', 'b', 'a']);
  const node = buildNode(options, 0) as {
    metadata: { name: string; labels: Record<string, string> };
    status: { capacity: Record<string, string> };
  };
  assert.equal(node.metadata.name, 'dev-node-0');
  assert.equal(node.metadata.labels.team, 'x');
  assert.equal(node.status.capacity.cpu, '2');
});
