import assert from 'node:assert/strict';
import test from 'node:test';
import { loadDictionary, translate } from '../../app/messages.ts';
import { describeCron } from './cron-reading.ts';

await loadDictionary('zh-CN');

const read = (schedule: string, locale: 'en' | 'zh-CN' = 'en', zone?: string) => {
  const answer = describeCron(schedule, zone, (key, values) => translate(locale, key, values), locale);
  return answer.ok ? answer.text : `! ${answer.problem}`;
};

test('a schedule reads as a sentence in English', () => {
  assert.equal(
    read('30 9 * * MON-FRI', 'en', 'Asia/Shanghai'),
    'Runs at 09:30 on Monday to Friday, in Asia/Shanghai time.',
  );
  assert.equal(
    read('*/5 * * * *'),
    'Runs every 5 minutes every day, in the cluster’s time zone (usually UTC).',
  );
  assert.equal(
    read('@hourly'),
    'Runs at minute 0 of every hour every day, in the cluster’s time zone (usually UTC).',
  );
  assert.equal(
    read('0 0,12 1 JAN,JUL *'),
    'Runs at 00:00 and 12:00 on day 1 of the month in January and July, in the cluster’s time zone (usually UTC).',
  );
  assert.equal(
    read('15 3 1 * 0'),
    'Runs at 03:15 on day 1 of the month or on Sunday, in the cluster’s time zone (usually UTC).',
  );
});

test('a schedule reads as a sentence in Chinese', () => {
  assert.equal(
    read('30 9 * * 1-5', 'zh-CN', 'Asia/Shanghai'),
    '每星期一至星期五 09:30 运行，时区为 Asia/Shanghai。',
  );
  assert.equal(read('0 2 * * *', 'zh-CN'), '每天 02:00 运行，按集群时区（通常为 UTC）。');
});

test('a schedule that is not one says which field is at fault, in the reader’s language', () => {
  assert.equal(
    read('61 * * * *'),
    '! The minute (0–59) field is out of range or not a number, range, list or step',
  );
  assert.equal(
    read('every day', 'zh-CN'),
    '! 不是有效的调度计划：需要五个字段（分 时 日 月 周）或 @hourly 等宏',
  );
});
