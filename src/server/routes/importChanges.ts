/**
 * Reviewing a large import before it is written (issue 16): the whole list of a preview's
 * changes (its id comes with the preview's answer) counted per unit or per criterion and
 * sorted, filtered by unit, criterion or kind, and downloaded whole as a spreadsheet or CSV.
 */
import { bilingual } from '../../core/validation.ts';
import { CSV, fileResponse, XLSX } from '../responses.ts';
import { z } from 'zod';
import { searchKey } from '../../core/index.ts';
import { changeListsOf } from '../changeLists.ts';
import { changeCountsResponse, changePageResponse } from '../contract/admin.ts';
import { bodyOf, route } from '../route.ts';
import { code, lang, queryNumber, slug } from './schemas.ts';

const id = z.object({ id: z.uuid({ error: bilingual({ vi: 'mã danh sách thay đổi không đúng', en: 'not a change list id' }) }) });
const whole = (max: number, name: string, en: string) =>
  queryNumber(
    { vi: `thiếu ${name}`, en: `${en} is missing` },
    { vi: `${name} là số nguyên từ 0 đến ${max}`, en: `${en} must be a whole number from 0 to ${max}` },
    (n) => n.int().min(0).max(max),
  ).optional();
const filter = { unit: slug.optional(), code: code.optional(), change: z.enum(['added', 'changed', 'removed']).optional() };

/** The same orders as localeCompare with these locales, without building a collator per comparison. */
const BY_NAME = new Intl.Collator('vi');
const BY_CODE = new Intl.Collator('en', { numeric: true });

export const importChangeRoutes = [
  route({
    method: 'GET',
    url: '/api/import/changes/:id',
    tag: 'import',
    summary:
      'Các thay đổi của một lần kiểm tra tệp (mã trong câu trả lời: changeList), lọc theo đơn vị, tiêu chí (và các tiêu chí con), loại thay đổi; offset, limit ≤ 1000 / a preview’s changes, filtered, a page at a time',
    params: id,
    query: z
      .object({ ...filter, offset: whole(10_000_000, 'vị trí bắt đầu (offset)', 'offset'), limit: whole(1000, 'số thay đổi (limit)', 'limit'), lang })
      .strict(),
    response: changePageResponse,
    async handler({ store, services, actor, params, query }) {
      // Cut from the list's index (changeIndex.ts), in the worker that holds it: the whole list is not filtered per request.
      const list = await changeListsOf(store).review(actor, params.id, services.pool);
      const offset = query.offset ?? 0;
      const limit = query.limit ?? 200;
      const { total, changes } = await list.page(query, offset, limit);
      return { total, offset, limit, changes };
    },
  }),
  route({
    method: 'GET',
    url: '/api/import/changes/:id/summary',
    tag: 'import',
    summary:
      'Số thay đổi theo từng đơn vị hoặc từng tiêu chí (by=unit|criterion), sắp xếp (sort=total|added|changed|removed|key, down), tìm đơn vị theo tên không dấu (q) / changes counted per unit or per criterion, sorted',
    params: id,
    query: z
      .object({
        by: z.enum(['unit', 'criterion']),
        ...filter,
        q: z.string().max(100).optional(),
        sort: z.enum(['total', 'added', 'changed', 'removed', 'key']).optional(),
        down: z.enum(['true', 'false']).optional(),
        offset: whole(10_000_000, 'vị trí bắt đầu (offset)', 'offset'),
        limit: whole(1000, 'số dòng (limit)', 'limit'),
        lang,
      })
      .strict(),
    response: changeCountsResponse,
    async handler({ store, services, actor, params, query }) {
      // Counted once per list and filter (changeIndex.ts, where the list is held), then named, searched and sorted here (≤ a few thousand rows).
      const counted = await (await changeListsOf(store).review(actor, params.id, services.pool)).counts(query.by, query);
      const units = (await store.dataset(actor)).units;
      const words = query.q ? searchKey(query.q).split(' ').filter(Boolean) : [];
      const rows = counted
        .map((row) => ({ ...row, ...(query.by === 'unit' && units.get(row.key) && { name: units.get(row.key)!.name }) }))
        .filter((row) => !words.length || words.every((w) => ` ${searchKey(`${row.key} ${row.name ?? ''}`)} `.includes(w)));
      const sort = query.sort ?? 'total';
      // Most changes first unless asked otherwise; by name (or code) A → Z.
      const down = query.down ? query.down === 'true' : sort !== 'key';
      const byKey = (a: (typeof rows)[number], b: (typeof rows)[number]) =>
        query.by === 'unit' ? BY_NAME.compare(a.name ?? a.key, b.name ?? b.key) : BY_CODE.compare(a.key, b.key);
      rows.sort((a, b) => (sort === 'key' ? byKey(a, b) : a[sort] - b[sort]) * (down ? -1 : 1) || byKey(a, b));
      const offset = query.offset ?? 0;
      const limit = query.limit ?? 50;
      return { total: rows.length, offset, limit, rows: rows.slice(offset, offset + limit) };
    },
  }),
  route({
    method: 'GET',
    url: '/api/import/changes/:id/file',
    tag: 'import',
    summary: 'Tải toàn bộ danh sách thay đổi (đã lọc) dạng Excel hoặc CSV / download the whole (filtered) list of changes as xlsx or CSV',
    params: id,
    query: z.object({ ...filter, format: z.enum(['xlsx', 'csv']).optional(), separator: z.enum([';', ',']).optional(), lang }).strict(),
    response: fileResponse(XLSX, CSV),
    async handler({ store, services, actor, params, query, reply, locale }) {
      const list = await changeListsOf(store).review(actor, params.id, services.pool);
      const format = query.format ?? 'xlsx';
      // Made and written where the list is (a worker for a file's preview).
      const bytes = await list.file(query, { format, separator: query.separator, locale }, await store.dataset(actor));
      reply.header('content-disposition', `attachment; filename="thay-doi.${format}"`);
      // A view of the worker's bytes, not a copy (30 MB for a province-wide list: 200 ms of the main thread's time).
      return reply.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(bodyOf(bytes));
    },
  }),
];
