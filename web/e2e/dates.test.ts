import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDate } from '../src/dates.ts';

test('a decision date typed dd/mm/yyyy (or ISO) becomes an ISO date; impossible dates are refused', () => {
  assert.equal(parseDate('15/05/2024'), '2024-05-15');
  assert.equal(parseDate(' 5/7/2025 '), '2025-07-05');
  assert.equal(parseDate('2024-05-15'), '2024-05-15');
  assert.equal(parseDate('31/02/2024'), undefined);
  assert.equal(parseDate('05/15/2024'), undefined);
  assert.equal(parseDate('15.05.2024'), undefined);
  assert.equal(parseDate(''), undefined);
});
