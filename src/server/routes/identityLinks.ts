/** The administrator links a person's identity at the OpenID Connect provider to their account (store/identityLinks.ts). */
import { z } from 'zod';
import { bilingual } from '../../core/validation.ts';
import { identityLinkInput, identityLinks, linkIdentity, unlinkIdentity } from '../../store/index.ts';
import { authorize } from '../../workflow/policy.ts';
import { okResponse } from '../responses.ts';
import { identityLink, identityLinksResponse } from '../contract/admin.ts';
import { route } from '../route.ts';

const id = z.string().regex(/^\d{1,15}$/, { error: bilingual({ vi: 'mã là một số, vd. 12', en: 'an id is a number, e.g. 12' }) });

export const identityLinkRoutes = [
  route({
    method: 'GET',
    url: '/api/users/:id/identities',
    tag: 'users',
    summary: 'Tài khoản OpenID Connect liên kết với người dùng / the OpenID Connect identities linked to a user',
    params: z.object({ id }),
    response: identityLinksResponse,
    async handler({ store, actor, params }) {
      authorize(actor, 'manageUsers');
      return identityLinks(store.db, params.id);
    },
  }),
  route({
    method: 'POST',
    url: '/api/users/:id/identities',
    tag: 'users',
    summary: 'Liên kết một tài khoản OpenID Connect (giá trị của trường định danh đã cấu hình) với người dùng / link an OpenID Connect identity to a user',
    params: z.object({ id }),
    body: identityLinkInput,
    status: 201,
    response: identityLink,
    async handler({ store, actor, params, body, services }) {
      return linkIdentity(store.db, params.id, body, services.oidc?.settings.issuer, actor);
    },
  }),
  route({
    method: 'DELETE',
    url: '/api/users/:id/identities/:linkId',
    tag: 'users',
    summary: 'Bỏ liên kết tài khoản OpenID Connect / unlink an identity',
    params: z.object({ id, linkId: id }),
    response: okResponse,
    async handler({ store, actor, params }) {
      await unlinkIdentity(store.db, params.id, params.linkId, actor);
      return { ok: true as const };
    },
  }),
];
