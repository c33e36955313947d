import { createUser, listUsers, newUserInput } from '../../store/index.ts';
import { authorize } from '../../workflow/policy.ts';
import { route } from '../route.ts';

export const userRoutes = [
  route({
    method: 'GET',
    url: '/api/users',
    tag: 'users',
    summary: 'Người dùng và vai trò / users and roles',
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
    async handler({ store, actor, request }) {
      authorize(actor, 'manageUsers');
      return createUser(store.db, request.body as never, actor);
    },
  }),
];
