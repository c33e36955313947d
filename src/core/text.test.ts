/** Text helpers every layer shares (text.ts): a sentence's first letter, and accent-insensitive matching. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { capitalized, matchesQuery } from './text.ts';

test('a sentence starts with its first letter in upper case, Vietnamese letters included; the rest is kept', () => {
  assert.equal(capitalized('điểm (thẩm định)'), 'Điểm (thẩm định)');
  assert.equal(capitalized('ủy ban nhân dân'), 'Ủy ban nhân dân');
  assert.equal(capitalized('chỉ số PAR INDEX'), 'Chỉ số PAR INDEX');
  assert.equal(capitalized(''), '');
});

test('a query matches whatever its accents and case', () => {
  assert.ok(matchesQuery('Huyện Tam Đường', 'tam duong'));
  assert.ok(!matchesQuery('Huyện Tam Đường', 'than uyen'));
});
