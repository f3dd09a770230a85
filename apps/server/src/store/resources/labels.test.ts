import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LabelSelectorError, matchesLabels, parseLabelSelector } from './labels.ts';

test('parses every requirement form', () => {
  assert.deepEqual(
    parseLabelSelector(
      'app=web, tier==front,env!=dev, zone in (a, b,a), track notin (canary), release, !legacy, k8s.io/part-of=x',
    ),
    [
      { key: 'app', operator: 'in', values: ['web'] },
      { key: 'tier', operator: 'in', values: ['front'] },
      { key: 'env', operator: 'notin', values: ['dev'] },
      { key: 'zone', operator: 'in', values: ['a', 'b'] },
      { key: 'track', operator: 'notin', values: ['canary'] },
      { key: 'release', operator: 'exists', values: [] },
      { key: 'legacy', operator: '!exists', values: [] },
      { key: 'k8s.io/part-of', operator: 'in', values: ['x'] },
    ],
  );
  assert.deepEqual(parseLabelSelector(''), []);
  assert.deepEqual(parseLabelSelector('  '), []);
  assert.deepEqual(parseLabelSelector('a='), [{ key: 'a', operator: 'in', values: [''] }]);
  assert.deepEqual(parseLabelSelector('a in (x,),b'), [
    { key: 'a', operator: 'in', values: ['x', ''] },
    { key: 'b', operator: 'exists', values: [] },
  ]);
});

test('refuses malformed selectors, saying where and what is allowed', () => {
  const bad: Array<[string, RegExp]> = [
    ['app=web,', /position 8: a requirement must follow ","/],
    ['app web', /unexpected "web" after key "app"/],
    ['app in web', /"\(" must follow "in"/],
    ['app in (a,b', /not closed/],
    ['app in ()', /needs at least one value/],
    ['-app=x', /key "-app"/],
    ['Bad_Prefix/app=x', /key prefix "Bad_Prefix"/],
    [`app=${'v'.repeat(64)}`, /at most 63/],
    ['app=a b', /expected ","/],
    ['app>3', /node selectors/],
    ['!', /a key must follow "!"/],
    ['=x', /unexpected "="/],
    ['app=(x)', /where a value belongs/],
  ];
  for (const [selector, message] of bad) {
    assert.throws(
      () => parseLabelSelector(selector),
      (error: unknown) => {
        assert.ok(error instanceof LabelSelectorError, `${selector} should throw LabelSelectorError`);
        assert.match(error.message, message, selector);
        assert.match(error.message, /expected forms/);
        return true;
      },
    );
  }
});

test('matches like Kubernetes: != and notin also match objects without the key', () => {
  const labels = { app: 'web', env: 'prod' };
  const yes = [
    'app=web',
    'app',
    '!tier',
    'env in (prod,dev)',
    'env notin (dev)',
    'tier!=db',
    'tier notin (db)',
    '',
  ];
  const no = ['app=db', 'tier', '!app', 'env in (dev)', 'env notin (prod)', 'app!=web', 'app=web,tier'];
  for (const s of yes) assert.equal(matchesLabels(labels, parseLabelSelector(s)), true, s);
  for (const s of no) assert.equal(matchesLabels(labels, parseLabelSelector(s)), false, s);
  assert.equal(matchesLabels({ a: '' }, parseLabelSelector('a=')), true);
});
