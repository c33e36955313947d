import { z } from 'zod';
import { bilingual } from '../../core/validation.ts';
import { createUser, listUsers, newUserInput, newUserLookups, updateUser, userChangeInput } from '../../store/index.ts';
import { authorize } from '../../workflow/policy.ts';
import { route } from '../route.ts';
import { user, usersResponse } from '../responses.ts';

export const userRoutes = [
  route({
    method: 'GET',
    url: '/api/users',
    tag: 'users',
    summary: 'Người dùng và vai trò / users and roles',
    response: usersResponse,
    async handler({ store, actor }) {
      authorize(actor, 'manageUsers');
      return listUsers(store.db);
    },
  }),
  route({
    method: 'POST',
    url: '/api/users',
    tag: 'users',
    summary: 'Tạo người dùng (vai trò, đơn vị) / create a user',
    body: newUserInput,
    status: 201,
    response: user,
    // A taken username is said with the form's other problems, not after them.
    async lookups({ store, actor, body }) {
      authorize(actor, 'manageUsers');
      return newUserLookups(store.db, body);
    },
    async handler({ store, actor, request }) {
      authorize(actor, 'manageUsers');
      return createUser(store.db, request.body as never, actor);
    },
  }),
  route({
    method: 'PUT',
    url: '/api/users/:id',
    tag: 'users',
    summary: 'Sửa người dùng: tên, vai trò, đơn vị, khoá/mở, đặt lại mật khẩu / change a user: name, role, unit, disabled, password reset',
    params: z.object({
      id: z.string().regex(/^\d{1,15}$/, { error: bilingual({ vi: 'mã người dùng là một số, vd. 12', en: 'a user id is a number, e.g. 12' }) }),
    }),
    body: userChangeInput,
    response: user,
    async handler({ store, actor, params, request }) {
      return updateUser(store.db, params.id, request.body as never, actor);
    },
  }),
];
