import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildDataset } from '../core/index.ts';
import { crosswalkDocuments } from '../io/testCrosswalk.ts';
import { buildReport } from './build.ts';
import { toMarkdown } from './markdown.ts';

test('across a framework change the component sentences say what changed: max changed compared in percent, dropped criteria named', () => {
  const markdown = toMarkdown(buildReport(buildDataset(crosswalkDocuments()), 'huyen-a', 2025));
  // 2024: 10,5/13,5 (77,78%); 2025: 11,5/14,5 (79,31%).
  assert.match(
    markdown,
    /Đạt 11,5\/14,5 điểm \(bằng 79,31%\), tăng 1,53% so với năm 2024 \(điểm tối đa đổi từ 13,5 thành 14,5: so sánh theo tỷ lệ % điểm tối đa\), xếp hạng thứ 1/,
  );
  assert.match(
    markdown,
    /Tiêu chí 2\.3\. Xử lý văn bản trái pháp luật do cơ quan có thẩm quyền kiểm tra kiến nghị \(năm 2024: 1 điểm\) không còn trong bộ tiêu chí năm 2025\./,
  );
  // The same component reads as before: no note.
  assert.match(markdown, /đạt 12,5\/13,5 điểm \(bằng 92,59%\); so với năm 2024, tỷ lệ điểm đạt tăng 3,7%; /);
});
