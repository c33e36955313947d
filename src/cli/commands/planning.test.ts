import assert from 'node:assert/strict';
import { test } from 'node:test';
import { run } from '../testing.ts';

test('plan recoverable: per department, the rule in words, now and what earns the points back; --department and --format json', async () => {
  const { code, out } = await run('plan', 'recoverable', '--unit', 'Tam Đường', '--year', '2023');
  assert.equal(code, 0);
  assert.match(out, /^Văn phòng HĐND-UBND huyện — mất 1,54 điểm$/m);
  assert.match(
    out,
    /7\.3\.6 +0,78 +Tỷ lệ thủ tục hành chính phát sinh giao dịch thanh toán trực tuyến \[tỷ lệ\]\n +Hiện tại: 10\/46 = 21,74% → 0,217391 điểm\n +Cần làm: Đạt 46\/46, tức thêm 36 so với năm 2023 \(10\/46\)/,
  );
  assert.match(out, /8\.9 +0,50 .*\[theo mức đạt\]\n.*\n +Cần làm: Đạt 38\/38 \(≥ 100%\) → 1 điểm/);
  assert.doesNotMatch(out, / 0,00 /, 'no loss printed as 0,00');
  const mine = await run('plan', 'recoverable', '--unit', 'tam-duong', '--year', '2023', '--department', 'Phòng Nội vụ', '--format', 'json');
  const json = JSON.parse(mine.out);
  assert.ok(json.items.length > 0 && json.items.every((i: { department: string }) => i.department === 'Phòng Nội vụ'));
  assert.equal(json.items.find((i: { code: string }) => i.code === '1.7').lost, '2');
  const en = await run('--lang', 'en', 'plan', 'recoverable', '--unit', 'tam-duong', '--year', '2023');
  assert.match(en.out, /Reach 46\/46: 36 more than in 2023/);
});

test('whatif: new total, component percents and rank; the target in fewest criteria; a goal already met', async () => {
  const { code, out } = await run('whatif', '--unit', 'tam-duong', '--year', '2023', '--set', '7.3.6=46/46', '--set', '1.7=2');
  assert.equal(code, 0);
  assert.match(out, /7\.3\.6 +0,22 → 1,00 \(\+0,78\)/);
  assert.match(out, /Tổng điểm: 78,12 → 80,90; hạng 4\/8 → 3\/8/);
  assert.match(out, /1: 9,52 → 11,52 \(70,52% → 85,33%\)/);
  const target = await run('whatif', '--unit', 'tam-duong', '--year', '2023', '--target-rank', '3');
  assert.match(target.out, /Để đạt hạng 3: cần thêm 2,18 điểm; ít nhất 2 tiêu chí → 80,37 điểm, hạng 3\/8/);
  assert.match((await run('whatif', '--unit', 'tam-duong', '--year', '2023', '--target-rank', '4')).out, /Đã đạt hạng 4/);
  assert.match((await run('whatif', '--unit', 'tam-duong', '--year', '2023', '--target-points', '200')).out, /Không đạt được 200,00 điểm/);
});

test('whatif: a bad --set or target is a clear error naming it, exit 3, never a crash or a NaN', async () => {
  const cases: [string[], RegExp][] = [
    [['--set', '7.3.6=abc'], /7\.3\.6=abc: "abc" không phải số điểm/],
    [['--set', '7.3.6=50/46'], /tử số 50 lớn hơn mẫu số 46/],
    [['--set', '1.7=5'], /điểm của 1\.7 phải từ 0 đến 2/],
    [['--set', '9.9=1'], /không có mã 9\.9/],
    [['--set', '1.4=1/2'], /1\.4 không tính từ chỉ tiêu: hãy nhập điểm/],
    [['--set', 'x'], /viết mã=giá trị/],
    [['--target-rank', 'abc'], /--target-rank: "abc" không phải một số hợp lệ/],
    [['--target-rank', '0'], /thứ hạng muốn đạt phải là số nguyên từ 1 đến 8/],
  ];
  for (const [args, message] of cases) {
    const { code, out, err } = await run('whatif', '--unit', 'tam-duong', '--year', '2023', ...args);
    assert.equal(code, 3, args.join(' '));
    assert.match(err, message);
    assert.doesNotMatch(out + err, /NaN|undefined/);
  }
});

test('plan show: tasks by department with status, deadline and overdue, a department’s view, tracking and the projection; calendar warnings with the criterion at stake', async () => {
  const show = await run('plan', 'show', '--unit', 'tam-duong', '--year', '2024', '--today', '2025-01-05', '--department', 'Phòng Nội vụ');
  assert.equal(show.code, 0);
  assert.match(show.out, /5 nhiệm vụ của Phòng Nội vụ, 5 quá hạn \(ngày 05\/01\/2025\)/);
  assert.match(show.out, /\[Chưa làm — QUÁ HẠN\] nv-2-1 \(hạn 31\/12\/2024; tiêu chí 1\.2\.1\)/);
  assert.doesNotMatch(show.out, /Phòng Tư pháp/);
  assert.match(show.out, /7\.3\.6 2024-03 0,30 → 2024-06 0,46 → 2024-09 0,59; dự báo cuối năm 0,74\/1,00/);
  assert.match(show.out, /Dự báo năm 2024 .*: 78,12 → \d+,\d\d điểm, hạng 4 → \d\/8/);
  const calendar = await run('plan', 'calendar', '--unit', 'tam-duong', '--year', '2024', '--today', '2024-12-10');
  assert.match(
    calendar.out,
    /! 15\/06\/2024 +Gửi trễ hạn +Báo cáo CCHC 6 tháng đầu năm 2024\n +Gửi ngày 17\/06\/2024, trễ 2 ngày: bị trừ 0,5 điểm ở tiêu chí 1\.2\.1/,
  );
  assert.match(calendar.out, /31\/12\/2024 +Chưa đến hạn .*\n +Còn 21 ngày; gửi trễ sẽ bị trừ 0,5 điểm ở tiêu chí 1\.2\.6/);
  const none = await run('plan', 'show', '--unit', 'than-uyen', '--year', '2024');
  assert.equal(none.code, 4);
  assert.match(none.err, /chưa có kế hoạch năm 2024/);
  assert.equal((await run('plan', 'show', '--unit', 'tam-duong', '--year', '2024', '--today', '10/12/2024')).code, 2);
  assert.equal((await run('plan', 'nothing', '--unit', 'tam-duong')).code, 2);
});

test('robustness: reproducible for a seed, a unit’s rank probabilities, bad options named', async () => {
  const a = await run('robustness', '--year', '2023', '--runs', '500', '--seed', '4');
  const b = await run('robustness', '--year', '2023', '--runs', '500', '--seed', '4');
  assert.equal(a.code, 0);
  assert.equal(a.out, b.out);
  assert.match(a.out, /^ +4 +\d–\d +\d+,\d% +Tam Đường$/m);
  const unit = await run('robustness', '--year', '2023', '--runs', '500', '--unit', 'tam-duong');
  assert.match(unit.out, /Tam Đường: hạng 4 theo kết quả công bố; khoảng 90%: \d–\d/);
  assert.match(unit.out, /hạng +4 +\d+,\d%/);
  for (const args of [
    ['--seed', 'x'],
    ['--runs', '5'],
    ['--spread', 'abc'],
    ['--weight-spread', '2'],
  ]) {
    const bad = await run('robustness', '--year', '2023', ...args);
    assert.equal(bad.code, 3, args.join(' '));
    assert.match(bad.err, new RegExp(`${args[0]} phải là`));
  }
});
