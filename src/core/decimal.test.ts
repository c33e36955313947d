/**
 * The one decimal reader, syntax by syntax: what each caller accepts and refuses. Fixed on the
 * way (printed figures): "0.339" was read as 339 (a group of thousands led by 0); it is 0.339.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decimalNumber, readDecimalText, type DecimalSyntax } from './decimal.ts';
import { parsePrinted } from './printed.ts';
import { parsePoints } from './points.ts';

const plain = (text: string, syntax: DecimalSyntax) => readDecimalText(text, syntax)?.plain;

const CASES: { syntax: DecimalSyntax; who: string; accepted: [string, string][]; refused: string[] }[] = [
  {
    syntax: { mark: 'either' },
    who: 'points (parsePoints), API decimals (decimalInput), survey numbers, command options',
    accepted: [
      ['9,52', '9.52'],
      ['9.52', '9.52'],
      ['7,409775', '7.409775'],
      ['+3', '3'],
      ['-0,5', '-0.5'],
      ['1.339', '1.339'],
      ['012', '012'],
    ],
    refused: ['', '9,', ',5', '.5', '1.339,5', '1,339.5', '1.234.567', '9,5,1', '1e3', '0x10', 'abc', '−0,5', ' 9,5', '9 5', 'Infinity'],
  },
  {
    syntax: { mark: 'either', signed: false },
    who: 'query values (schemas.ts), API points texts, the web form, what-if options',
    accepted: [
      ['2023', '2023'],
      ['0,5', '0.5'],
      ['9.52', '9.52'],
    ],
    refused: ['-1', '+1', '', '1.339,5'],
  },
  {
    syntax: { mark: ',', grouping: true },
    who: 'printed figures, first reading (Vietnamese)',
    accepted: [
      ['36.370.000', '36370000'],
      ['1.339', '1339'],
      ['13,4753', '13.4753'],
      ['1.339,5', '1339.5'],
      ['-9,99', '-9.99'],
    ],
    refused: ['13.4753', '0.339', '1.33', '1,339.5', '9,', ',5'],
  },
  {
    syntax: { mark: '.' },
    who: 'printed figures, second reading (plain), and JSON numbers',
    accepted: [
      ['13.4753', '13.4753'],
      ['0.339', '0.339'],
      ['8', '8'],
    ],
    refused: ['8,17', '1,339.5', '9.', '.5'],
  },
  {
    syntax: { mark: ',', grouping: true, loose: true },
    who: 'spreadsheet cells in a column of decimal commas (io readDecimal)',
    accepted: [
      ['1.339,5', '1339.5'],
      ['9,', '9'],
      [',5', '0.5'],
      ['-,5', '-0.5'],
      ['1,978', '1.978'],
      ['1.234.567', '1234567'],
    ],
    refused: ['0.339', '1,339.5', '1.33', ',', ''],
  },
  {
    syntax: { mark: '.', grouping: true, loose: true },
    who: 'spreadsheet cells in a column of decimal dots',
    accepted: [
      ['1,339.5', '1339.5'],
      ['15.753', '15.753'],
      ['.5', '0.5'],
    ],
    refused: ['1.339,5', '0,339'],
  },
];

for (const { syntax, who, accepted, refused } of CASES) {
  test(`decimals for ${who}`, () => {
    for (const [text, value] of accepted) assert.equal(plain(text, syntax), value, `${text} accepted`);
    for (const text of refused) assert.equal(readDecimalText(text, syntax), undefined, `${text} refused`);
  });
}

test('decimalNumber trims, reads either mark and says undefined for anything else', () => {
  assert.equal(decimalNumber(' 60 '), 60);
  assert.equal(decimalNumber('0,5'), 0.5);
  for (const text of ['', ' ', '1e3', '0x10', 'Infinity', '5 MB']) assert.equal(decimalNumber(text), undefined, text);
});

test('the callers keep their syntax: points take either mark and no grouping, printed figures group thousands', () => {
  assert.equal(parsePoints('9,52'), 9_520_000);
  assert.equal(parsePoints(' 9.52 '), 9_520_000);
  assert.throws(() => parsePoints('1.339,5'), /points\.notANumber|không phải/);
  assert.equal(parsePrinted('1.339').value.n, 1339n);
  assert.equal(parsePrinted('−9,99%').decimals, 2);
  const zeroLed = parsePrinted('0.339').value;
  assert.deepEqual([zeroLed.n, zeroLed.d], [339n, 1000n]);
});
