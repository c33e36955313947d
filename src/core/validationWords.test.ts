import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { ParError } from './errors.ts';
import { parseWith } from './validation.ts';

const messages = (schema: z.ZodType, data: unknown) => {
  try {
    parseWith(schema, data);
  } catch (error) {
    assert.ok(error instanceof ParError);
    return error.issues.map((i) => i.message);
  }
  return assert.fail('accepted');
};

/** zod's own lines in either language: never shown to an officer. */
const RAW = /Quá nhỏ|Quá lớn|mong đợi|nhận được|Too small|Too big|expected|received|Invalid|không hợp lệ/i;

test('a form’s usual mistakes are said in plain words in both languages, never in zod’s', () => {
  const schema = z.object({
    count: z.number().int().min(0).max(1000),
    share: z.number().gt(0),
    name: z.string().min(1).max(5),
    kind: z.enum(['a', 'b']),
    list: z.array(z.string()).min(1),
  });
  const said = messages(schema, { count: -1, share: 0, name: '', kind: 'c', list: [] });
  assert.deepEqual(said, [
    { vi: 'phải từ 0 trở lên', en: 'must be 0 or more' },
    { vi: 'phải lớn hơn 0', en: 'must be more than 0' },
    { vi: 'không được để trống', en: 'must not be empty' },
    { vi: 'phải là một trong: a, b', en: 'must be one of: a, b' },
    { vi: 'cần ít nhất 1 mục', en: 'needs at least 1 item' },
  ]);
  const more = messages(schema, { count: 1500, share: 'x', name: 'abcdefg', kind: 'a', list: ['x'] });
  assert.deepEqual(more, [
    { vi: 'không được lớn hơn 1.000', en: 'must be 1,000 or less' },
    { vi: 'phải là một số', en: 'must be a number' },
    { vi: 'dài quá 5 ký tự', en: 'longer than 5 characters' },
  ]);
  assert.deepEqual(messages(schema, { count: 1.5, share: 1, name: 'a', kind: 'a', list: ['x'] }), [
    { vi: 'phải là một số nguyên', en: 'must be a whole number' },
  ]);
  said.push(...more);
  for (const m of [...said]) assert.doesNotMatch(`${m.vi} ${m.en}`, RAW);
});
