import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareChartVersions, isNewerVersion } from './release-list-versions.ts';

test('chart versions order as semantic versions, pre-releases below their release', () => {
  const ordered = [
    '0.9.0',
    '1.0.0-alpha',
    '1.0.0-alpha.1',
    '1.0.0-beta.2',
    '1.0.0-beta.11',
    '1.0.0-rc.1',
    '1.0.0',
    'v1.0.1',
    '1.2',
    '1.10.0',
  ];
  for (let i = 1; i < ordered.length; i++) {
    const older = ordered[i - 1] ?? '';
    const newer = ordered[i] ?? '';
    assert.ok((compareChartVersions(newer, older) ?? 0) > 0, `${newer} > ${older}`);
    assert.ok((compareChartVersions(older, newer) ?? 0) < 0, `${older} < ${newer}`);
  }
  assert.equal(compareChartVersions('1.2.3+build.5', '1.2.3'), 0, 'build metadata does not count');
});

test('a version that is not semantic is never called newer', () => {
  assert.equal(compareChartVersions('latest', '1.0.0'), undefined);
  assert.equal(isNewerVersion('latest', '1.0.0'), false);
  assert.equal(isNewerVersion('2.0.0', ''), false);
  assert.equal(isNewerVersion('2.0.0', '1.9.9'), true);
  assert.equal(isNewerVersion('1.9.9', '2.0.0'), false);
});
