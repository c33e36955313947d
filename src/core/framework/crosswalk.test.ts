import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { crosswalkDocuments, FRAMEWORK_2024_ID, FRAMEWORK_2025_ID, framework2024Text, framework2025Text } from '../../io/testCrosswalk.ts';
import { analysisToJson, analyzeUnit } from '../analysis/index.ts';
import { buildDataset } from '../dataset.ts';
import { parseDocument } from '../document.ts';
import { ParError, type Issue } from '../errors.ts';
import { formatPercent } from '../format.ts';
import { compareNode, crosswalkProblems, diffThroughCrosswalk, frameworkChanges, parseFramework, readFramework, resolveCrosswalk } from './index.ts';

const previous = parseFramework(framework2024Text());
const current = parseFramework(framework2025Text());
/** The 2025 file with an edit, as a document. */
const edited = (edit: (text: string) => string) => readFramework(parseDocument(edit(framework2025Text())));
const problems = (framework = current): Issue[] => crosswalkProblems(previous, framework);

describe('resolving a crosswalk', () => {
  test('a declared crosswalk: maxima changed, new, dropped, renumbered, split — the rest the same by code', () => {
    const crosswalk = resolveCrosswalk(previous, current);
    assert.equal(crosswalk.declared, true);
    const link = (code: string) => crosswalk.links.get(code)!;
    assert.deepEqual([link('1').change, link('2').change], ['maxChanged', 'maxChanged']);
    assert.deepEqual(link('3'), { code: '3', change: 'same', previous: ['3'], renamed: false, maxChanged: false });
    assert.deepEqual([link('1.7').change, link('1.8').change, link('1.8').previous], ['split', 'split', ['1.7']]);
    assert.deepEqual(crosswalk.successors.get('1.7'), ['1.7', '1.8']);
    assert.equal(link('3.7').change, 'new');
    assert.deepEqual([link('4.4').change, link('4.4').previous, link('4.4').renamed], ['renamed', ['4.3'], true]);
    assert.deepEqual(crosswalk.dropped, ['2.3']);
    assert.deepEqual(problems(), []);
  });

  test('without a declaration nodes match by code: two versions alike are the same node for node', () => {
    const older = parseFramework(framework2024Text().replace('id: lai-chau-district-2024', 'id: older').replace('year: 2024', 'year: 2023'));
    const crosswalk = resolveCrosswalk(older, previous);
    assert.equal(crosswalk.declared, false);
    assert.ok([...crosswalk.links.values()].every((l) => l.change === 'same' && l.previous[0] === l.code));
    assert.deepEqual(crosswalk.dropped, []);
  });

  test('renamed and max changed are inferred for a code in both', () => {
    const changed = edited((t) => t.replace('name: "Công tác kiểm tra CCHC"', 'name: "Công tác kiểm tra, giám sát CCHC"'));
    assert.equal(resolveCrosswalk(previous, changed).links.get('1.3')!.change, 'renamed');
  });

  test('what a crosswalk cannot say is refused with the field and both languages', () => {
    const codes = (issues: Issue[]) => issues.map((i) => i.code);
    const unknown = edited((t) => t.replace('from: "4.3"', 'from: "4.9"'));
    const [missing] = problems(unknown);
    assert.equal(missing!.code, 'crosswalk.unknownPrevious');
    assert.match(missing!.message.vi, /không có tiêu chí 4\.9/);
    assert.match(missing!.message.en, /has no node 4\.9/);
    assert.match(missing!.field!, /^components\.3\.children\.2\.from$/);

    // 4.1 keeps its code and 4.4 says it came from 4.1 too: mapped twice.
    const twice = problems(edited((t) => t.replace('from: "4.3"', 'from: "4.1"')));
    assert.deepEqual(codes(twice), ['crosswalk.mappedTwice']);
    assert.match(twice[0]!.message.vi, /được nối hai lần: với 4\.1 \(cùng mã\) và với 4\.4/);
    assert.match(twice[0]!.message.en, /mapped twice/);

    const droppedAndKept = problems(edited((t) => t.replace('dropped: ["2.3"]', 'dropped: ["2.3", "2.2"]')));
    assert.deepEqual(codes(droppedAndKept), ['crosswalk.mappedTwice']);
    assert.equal(droppedAndKept[0]!.field, 'dropped.1');

    const depth = problems(edited((t) => t.replace('from: "4.3"', 'from: "4"')));
    assert.deepEqual(codes(depth), ['crosswalk.depth']);

    const manyToMany = problems(edited((t) => t.replace('from: "4.3"', 'from: ["4.3", "1.7"]')));
    assert.ok(codes(manyToMany).includes('crosswalk.manyToMany'), JSON.stringify(manyToMany));

    assert.throws(
      () => edited((t) => t.replace(/^derivedFrom: .*\n/m, '')),
      (error: unknown) => error instanceof ParError && error.issues.some((i) => i.code === 'crosswalk.noSource' && /derivedFrom/.test(i.message.vi)),
    );
  });

  test('a dataset refuses a crosswalk onto a framework it does not have, or a wrong one', () => {
    const documents = crosswalkDocuments();
    assert.throws(
      () => buildDataset(documents.filter((d) => d.file !== 'district-2024.yaml' && !d.file.startsWith('results'))),
      (error: unknown) => error instanceof ParError && error.issues.some((i) => i.code === 'crosswalk.sourceNotFound' && i.field === 'derivedFrom'),
    );
    const wrong = documents.map((d) =>
      d.file === 'district-2025.yaml' ? { ...d, data: parseDocument(framework2025Text().replace('from: "4.3"', 'from: "4.9"')) } : d,
    );
    assert.throws(
      () => buildDataset(wrong),
      (error: unknown) => error instanceof ParError && error.issues[0]!.code === 'crosswalk.unknownPrevious' && error.issues[0]!.file === 'district-2025.yaml',
    );
  });
});

describe('comparing through the crosswalk', () => {
  test('a node whose maximum changed compares in percent, with a note', () => {
    // 2024: 10,5 of 13,5 (77,78%); 2025: 11,5 of 14,5 (79,31%).
    const compared = compareNode(current, previous, '1', { score: 11_500_000 as never, max: 14_500_000 as never }, () => ({
      score: 10_500_000 as never,
      max: 13_500_000 as never,
    }));
    assert.equal(compared.change, 'maxChanged');
    assert.equal(compared.deltaPoints, undefined, 'no points change between different maxima');
    assert.equal(formatPercent(compared.deltaPercentagePoints!), '1,53%');
    assert.equal(compared.note!.vi, 'điểm tối đa đổi từ 13,5 thành 14,5: so sánh theo tỷ lệ % điểm tối đa');
    assert.equal(compared.note!.en, 'maximum changed from 13.5 to 14.5: compared in percent of the maximum');
  });

  test('a new node has no previous figure and says so', () => {
    const compared = compareNode(current, previous, '3.7', { score: 1_000_000 as never }, () => ({ score: 1_000_000 as never }));
    assert.deepEqual([compared.change, compared.previousScore, compared.note?.vi], ['new', undefined, 'mới, bộ tiêu chí năm 2024 không có']);
  });

  test("a unit's analysis: components and criteria through the crosswalk, dropped ones said, JSON alike", () => {
    const dataset = buildDataset(crosswalkDocuments());
    const a = analyzeUnit(dataset, 'huyen-a', 2025);
    const component = (code: string) => a.components.find((c) => c.code === code)!;
    assert.equal(component('1').change, 'maxChanged');
    assert.match(component('1').changeNote!.vi, /13,5 thành 14,5/);
    assert.equal(component('1').deltaPoints, undefined);
    assert.equal(component('1').previousRank, 1, 'one node continuing one: its rank compares');
    assert.equal(component('3').change, undefined, 'the same component');
    assert.equal(component('3').deltaPoints, 500_000);
    const criterion = (code: string) => a.components.flatMap((c) => c.criteria).find((k) => k.code === code)!;
    assert.equal(criterion('1.8').change, 'split');
    assert.match(criterion('1.8').changeNote!.vi, /tách từ 1\.7 \(2 điểm\)/);
    assert.equal(formatPercent(criterion('1.8').deltaPercentagePoints!), '50,00%', '1 of 1 against 1 of 2');
    assert.deepEqual(
      [criterion('4.4').change, criterion('4.4').previousCodes, criterion('4.4').deltaPoints],
      ['renamed', ['4.3'], 500_000],
      'a renamed node compares in points',
    );
    assert.equal(criterion('3.7').change, 'new');
    assert.deepEqual(
      component('2').droppedCriteria!.map((d) => [d.code, d.previousScore]),
      [['2.3', 1_000_000]],
    );
    const json = analysisToJson(a);
    const first = json.components[0]!;
    assert.equal(first.change, 'maxChanged');
    assert.equal(first.changeNote!.en, 'maximum changed from 13.5 to 14.5: compared in percent of the maximum');
    assert.equal(json.components[1]!.droppedCriteria[0]!.code, '2.3');
    assert.deepEqual(json.droppedComponents, []);
  });
});

describe('the import preview of a new framework', () => {
  test('diffs against the framework it derives from, one line per mapping', () => {
    const frameworks = new Map([[previous.id, previous]]);
    const { against, changes } = frameworkChanges(frameworks, current);
    assert.equal(against, FRAMEWORK_2024_ID);
    const line = (code: string, part?: string) => changes.find((c) => c.item === 'node' && c.code === code && c.part === part);
    assert.deepEqual(line('1', 'maxPoints'), { change: 'changed', item: 'node', code: '1', part: 'maxPoints', before: '13.5', after: '14.5' });
    assert.deepEqual(line('4.4', 'code'), { change: 'changed', item: 'node', code: '4.4', part: 'code', before: '4.3', after: '4.4' });
    assert.deepEqual(line('1.7', 'split'), { change: 'changed', item: 'node', code: '1.7', part: 'split', before: '1.7', after: '1.7, 1.8' });
    assert.equal(line('1.8', 'split'), undefined, 'a split said once');
    assert.equal(line('3.7')!.change, 'added');
    assert.equal(line('2.3')!.change, 'removed');
    assert.ok(
      changes.some(
        (c) => c.item === 'framework' && c.part === 'id' && c.before === JSON.stringify(FRAMEWORK_2024_ID) && c.after === JSON.stringify(FRAMEWORK_2025_ID),
      ),
    );
    assert.ok(changes.length < 40, `a real diff, not every line added (${changes.length})`);
    assert.ok(!changes.some((c) => c.item === 'node' && c.code === '3.1'), 'an unchanged node is not listed');
    assert.deepEqual(diffThroughCrosswalk(previous, current), changes);
  });

  test('without derivedFrom: against the latest earlier framework of its level and province', () => {
    const plain = edited((t) =>
      t
        .replace(/^derivedFrom: .*\n/m, '')
        .replace(/^dropped: .*\n/m, '')
        .replace(/ *from: "1\.7"\n/g, '')
        .replace(', from: "4.3"', '')
        .replace(', new: true', ''),
    );
    const { against, changes } = frameworkChanges(new Map([[previous.id, previous]]), plain);
    assert.equal(against, FRAMEWORK_2024_ID);
    assert.equal(changes.find((c) => c.code === '4.3')!.change, 'removed');
    assert.equal(changes.find((c) => c.code === '4.4')!.change, 'added');
  });
});
