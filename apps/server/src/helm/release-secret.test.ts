import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
// A revision helm 4.3 wrote (`helm upgrade web tiny --set password=s3cr3t-in-values`), read back with kubectl.
import written from './release-secret.fixture.json' with { type: 'json' };
import {
  decodeReleasePayload,
  encodeReleasePayload,
  MAX_RELEASE_BYTES,
  releaseMetadataOf,
} from './release-secret.ts';

test('the metadata of a release helm wrote: chart, versions, status, dates, the length of the notes', () => {
  assert.deepEqual(decodeReleasePayload(written.data.release), {
    name: 'web',
    namespace: 'default',
    revision: 3,
    status: 'deployed',
    chart: 'tiny',
    chartVersion: '0.1.0',
    appVersion: '1.2.3',
    icon: 'https://example.com/icon.png',
    description: 'Bumped the password',
    firstDeployed: '2026-12-05T03:43:26.838235833Z',
    lastDeployed: '2026-12-05T03:44:30.464844711Z',
    notesLength: 'Thanks for installing web.\n'.length,
  });
});

test('what the encoder writes, the decoder reads: the format helm writes', () => {
  const inner = Buffer.from(Buffer.from(written.data.release, 'base64').toString(), 'base64');
  const release = JSON.parse(gunzipSync(inner).toString());
  assert.deepEqual(
    decodeReleasePayload(encodeReleasePayload(release)),
    decodeReleasePayload(written.data.release),
  );
});

test('an old release stored without gzip is read as it is', () => {
  const plain = { name: 'old', namespace: 'ns', version: 1, info: { status: 'deployed' }, chart: {} };
  const data = Buffer.from(Buffer.from(JSON.stringify(plain)).toString('base64')).toString('base64');
  assert.equal(decodeReleasePayload(data).name, 'old');
});

test('a payload that cannot be read keeps a word saying why, and the labels fill in', () => {
  const secret = (release: string | undefined) => ({
    type: 'helm.sh/release.v1',
    metadata: { namespace: 'apps', labels: { owner: 'helm', name: 'shop', status: 'failed', version: '4' } },
    data: release === undefined ? {} : { release },
  });
  const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');
  const cases: Array<[string | undefined, string]> = [
    [undefined, 'missing'],
    ['%%%', 'not-base64'],
    [b64('%%%'), 'not-base64'],
    [b64(b64(Buffer.from([0x1f, 0x8b, 1, 2, 3]))), 'not-gzip'],
    [b64(b64(gzipSync('{"name":'))), 'not-json'],
    [b64(b64(gzipSync('{"name":"x"}'))), 'not-a-release'],
  ];
  for (const [release, word] of cases) {
    const metadata = releaseMetadataOf(secret(release));
    assert.equal(metadata.decodeError, word, String(release));
    assert.deepEqual(
      [metadata.name, metadata.namespace, metadata.revision, metadata.status],
      ['shop', 'apps', 4, 'failed'],
    );
  }
});

test('a payload that unzips past the bound is not read whole: too-large', () => {
  // 17 MiB of zeros gzip to a few KiB: the bound is on what it unzips to.
  const bomb = gzipSync(Buffer.alloc(MAX_RELEASE_BYTES + 1024 * 1024));
  const data = Buffer.from(bomb.toString('base64')).toString('base64');
  const started = performance.now();
  const metadata = releaseMetadataOf({ type: 'helm.sh/release.v1', metadata: {}, data: { release: data } });
  assert.equal(metadata.decodeError, 'too-large');
  assert.ok(performance.now() - started < 2000);
});
