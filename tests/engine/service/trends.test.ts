import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isoWeekMonday } from '../../../src-main/engine/store/trends';

test('isoWeekMonday names a week by its Monday', () => {
  assert.equal(isoWeekMonday(new Date(2025, 5, 30)), '2025-06-30'); // a Monday
  assert.equal(isoWeekMonday(new Date(2025, 6, 6, 23, 59)), '2025-06-30'); // the Sunday after
  assert.equal(isoWeekMonday(new Date(2026, 0, 1)), '2025-12-29'); // across a year
  assert.equal(isoWeekMonday(new Date(2024, 2, 3)), '2024-02-26'); // across a leap February
});
