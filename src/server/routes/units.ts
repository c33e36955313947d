import { z } from 'zod';
import { matchesQuery, trendOf, unitById, yearsOf } from '../../core/index.ts';
import { trendJson } from '../../core/presenters.ts';
import {
  addUnit,
  endUnit,
  endUnitInput,
  mergerInput,
  newUnitInput,
  newUnitLookups,
  recordMerger,
  unitChangeInput,
  unitCycles,
  unitVersions,
  unitsWithoutLineageAfter,
  updateUnit,
} from '../../store/index.ts';
import { isoDate } from '../../core/validation.ts';
import { authorize } from '../../workflow/policy.ts';
import { unmappedUnitsResponse } from '../contract/admin.ts';
import { jsonText, route } from '../route.ts';
import { adminUnitsResponse, trendResponse, unitResponse, unitWriteResponse, unitsResponse } from '../responses.ts';
import { lang, level, slug } from './schemas.ts';

export const unitRoutes = [
  route({
    method: 'GET',
    url: '/api/units',
    tag: 'units',
    summary: 'Danh sách đơn vị (lọc theo cấp, nhóm, tỉnh, tên không dấu) / units, filtered by level, peer group, province, name',
    query: z.object({ level: level.optional(), group: slug.optional(), province: slug.optional(), q: z.string().max(100).optional(), lang }).strict(),
    response: unitsResponse,
    async handler({ store, query, actor }) {
      // Every unit (the list screens ask for): serialised once per data revision, not per request (4,000 units ≈ 2 MB of JSON).
      if (!query.level && !query.group && !query.province && !query.q)
        return store.computed('unitList', actor, (dataset) => jsonText([...dataset.units.values()].map((u) => ({ ...u, years: yearsOf(dataset, u.id) }))));
      const dataset = await store.dataset(actor);
      return [...dataset.units.values()]
        .filter(
          (u) =>
            (!query.level || u.level === query.level) &&
            (!query.group || u.peerGroup === query.group) &&
            (!query.province || u.provinceId === query.province) &&
            (!query.q || matchesQuery([u.name, u.fullName, ...u.aliases].join(' '), query.q)),
        )
        .map((u) => ({ ...u, years: yearsOf(dataset, u.id) }));
    },
  }),
  route({
    method: 'GET',
    url: '/api/units/:unit',
    tag: 'units',
    summary: 'Một đơn vị, các năm có kết quả và các kỳ đánh giá có hồ sơ của đơn vị / one unit, the years it has results for and the cycles it has a file in',
    params: z.object({ unit: slug }),
    response: unitResponse,
    async handler({ store, params, actor }) {
      const dataset = await store.dataset(actor);
      // Its own cycles: a year may hold several (one per level or framework), and only the unit's own says whether its year is open.
      return { ...unitById(dataset, params.unit), years: yearsOf(dataset, params.unit), cycles: await unitCycles(store.db, params.unit) };
    },
  }),
  route({
    method: 'GET',
    url: '/api/units/:unit/trend',
    tag: 'results',
    summary:
      'Điểm và thứ hạng qua các năm, lần theo đơn vị tiền thân cho các năm trước khi đơn vị có kết quả (lineage: của ai; breakBefore: chỗ đứt) / score and rank over the years, followed back through predecessors (lineage: whose; breakBefore: the break)',
    params: z.object({ unit: slug }),
    response: trendResponse,
    async handler({ store, params, actor }) {
      const dataset = await store.dataset(actor);
      unitById(dataset, params.unit);
      return trendJson(trendOf(dataset, params.unit));
    },
  }),
  // The province's administration of units (only the province: manageUnits).
  route({
    method: 'GET',
    url: '/api/admin/units/lineage/unmapped',
    tag: 'units',
    summary:
      'Đơn vị chưa có liên kết kế thừa sau một ngày sắp xếp: có từ ngày đó mà không có đơn vị tiền thân, hoặc kết thúc ngày liền trước mà không có đơn vị kế thừa / units without lineage after a reform date',
    query: z.object({ province: slug, after: isoDate, lang }).strict(),
    response: unmappedUnitsResponse,
    async handler({ store, query, actor }) {
      authorize(actor, 'manageUnits');
      return unitsWithoutLineageAfter(store.db, query.province, query.after);
    },
  }),
  route({
    method: 'GET',
    url: '/api/admin/units',
    tag: 'units',
    summary: 'Quản trị đơn vị: mọi đơn vị với phiên bản (version) để sửa; lọc theo tên không dấu / units with their versions, for the administration',
    query: z.object({ q: z.string().max(100).optional(), province: slug.optional(), lang }).strict(),
    response: adminUnitsResponse,
    async handler({ store, query, actor }) {
      authorize(actor, 'manageUnits');
      const dataset = await store.dataset(actor);
      const versions = await unitVersions(store.db);
      return [...dataset.units.values()]
        .filter(
          (u) =>
            (!query.province || u.provinceId === query.province) && (!query.q || matchesQuery([u.id, u.name, u.fullName, ...u.aliases].join(' '), query.q)),
        )
        .map((u) => ({ ...u, version: versions.get(u.id) ?? 1 }));
    },
  }),
  route({
    method: 'POST',
    url: '/api/units',
    tag: 'units',
    summary: 'Thêm đơn vị (mã, tên, cấp, hiệu lực…) / add a unit',
    body: newUnitInput,
    status: 201,
    response: unitWriteResponse,
    // An id already taken is said with the form's other problems, not after them.
    async lookups({ store, actor, body }) {
      authorize(actor, 'manageUnits');
      return newUnitLookups(await store.dataset(actor), body);
    },
    async handler({ store, actor, request }) {
      return addUnit(store.db, request.body as never, actor);
    },
  }),
  route({
    method: 'PUT',
    url: '/api/units/:unit',
    tag: 'units',
    summary:
      'Sửa đơn vị (tên, loại, nhóm, ngày hiệu lực, tên khác); phiên bản cũ bị từ chối (409); null xóa một trường / change a unit; a stale version gets 409',
    params: z.object({ unit: slug }),
    body: unitChangeInput,
    response: unitWriteResponse,
    async handler({ store, actor, params, request }) {
      return updateUnit(store.db, params.unit, request.body as never, actor);
    },
  }),
  route({
    method: 'POST',
    url: '/api/units/:unit/end',
    tag: 'units',
    summary: 'Kết thúc hiệu lực của đơn vị (ngày hết hiệu lực), giữ lịch sử / end a unit’s validity',
    params: z.object({ unit: slug }),
    body: endUnitInput,
    response: unitWriteResponse,
    async handler({ store, actor, params, request }) {
      return endUnit(store.db, params.unit, request.body as never, actor);
    },
  }),
  route({
    method: 'POST',
    url: '/api/units/mergers',
    tag: 'units',
    summary: 'Ghi nhận sáp nhập: các đơn vị tiền thân → đơn vị kế thừa từ một ngày (tiền thân hết hiệu lực ngày hôm trước; ghi cả hai phía) / record a merger',
    body: mergerInput,
    status: 201,
    response: unitWriteResponse,
    async handler({ store, actor, request }) {
      return recordMerger(store.db, request.body as never, actor);
    },
  }),
];
