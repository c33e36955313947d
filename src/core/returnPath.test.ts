import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appReturnPath } from './returnPath.ts';

test('a way back after sign-in is a screen of the app, nothing else', () => {
  for (const screen of ['#/plan/tam-duong?year=2025', '#/assess/2025/x%C3%A3-1', '#/admin', '#/province?level=commune&group=a'])
    assert.equal(appReturnPath(screen), screen);
  for (const hostile of [
    'https://evil.example/',
    '//evil.example',
    '/#/admin',
    '#//evil.example',
    '#/\\evil.example',
    '#/a\\b',
    '#/login',
    '#/login?next=%23%2Fadmin',
    '#/a b',
    '#/a\nb',
    '#/a\u0000',
    '#/',
    '',
    null,
    undefined,
    `#/${'a'.repeat(1000)}`,
  ])
    assert.equal(appReturnPath(hostile), undefined, JSON.stringify(hostile));
});
