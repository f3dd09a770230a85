import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { InspectionRunView } from '@portolan/api';
import { reportHtml } from './report-html.ts';

const hostile = `"><script>alert('x')</script><img src=x onerror=alert(1)>`;

const run: InspectionRunView = {
  id: 'r1',
  config: 'nightly',
  cluster: 'prod',
  state: 'succeeded',
  trigger: 'manual',
  startedBy: hostile,
  startedAt: '2026-12-05T12:00:00.000Z',
  durationMs: 812,
  scores: {
    overall: { score: 80, passed: 8, failed: 2, skipped: 1 },
    workload: { score: 70, passed: 5, failed: 2, skipped: 0 },
  },
  findings: [
    {
      item: 'image-latest',
      level: 'workload',
      severity: 'warning',
      status: 'failed',
      object: { kind: 'Pod', namespace: 'team-a', name: hostile },
      message: `container c runs ${hostile}`,
      why: 'why it matters',
      fix: 'how to fix it',
    },
  ],
  hidden: 3,
};

test('the report page escapes every text from the cluster or a user, and loads nothing from outside', () => {
  const page = reportHtml(run);
  assert.ok(!page.includes('<script'), 'no script element');
  assert.ok(!page.includes('<img'), 'no image element');
  assert.ok(
    page.includes('&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;'),
    'the hostile text is shown as text',
  );
  assert.ok(!/\b(src|href)=/.test(page.replaceAll('src=x', '')), 'no outside resource');
  assert.match(page, /<style>/, 'its style is inline');
  assert.match(page, /@media print/, 'it prints readably');
});

test('the report page shows scores per level, the findings with why and fix, and the hidden count', () => {
  const page = reportHtml(run);
  assert.match(page, /<td>overall<\/td><td class="n">80<\/td>/);
  assert.match(page, /<td>workload<\/td><td class="n">70<\/td>/);
  assert.match(page, /Why:<\/b> why it matters/);
  assert.match(page, /Fix:<\/b> how to fix it/);
  assert.match(page, /3 finding\(s\) in namespaces you may not read are left out/);
});
