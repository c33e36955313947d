/**
 * What the administration routes answer besides units and users (responses.ts): identity links,
 * sign-in by OpenID Connect, units without lineage, an import's change list. Part of the contract
 * the web app reads as types (server/responses.ts says how).
 */
import { z } from 'zod';
import { change } from '../responses.ts';

export const identityLink = z.object({
  id: z.string(),
  issuer: z.string(),
  subject: z.string(),
  userId: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export const identityLinksResponse = z.array(identityLink);
export const oidcProviderResponse = z.object({ enabled: z.boolean(), name: z.string().optional() });
export const unmappedUnitsResponse = z.array(
  z
    .object({
      id: z.string(),
      name: z.string(),
      level: z.string(),
      validFrom: z.string().nullable(),
      validTo: z.string().nullable(),
      missing: z.enum(['predecessors', 'successors']),
    })
    .strict(),
);
export const changeCount = z.object({
  key: z.string(),
  name: z.string().optional(),
  added: z.number(),
  changed: z.number(),
  removed: z.number(),
  total: z.number(),
});
export const changePageResponse = z.object({ total: z.number(), offset: z.number(), limit: z.number(), changes: z.array(change) });
export const changeCountsResponse = z.object({ total: z.number(), offset: z.number(), limit: z.number(), rows: z.array(changeCount) });

export type IdentityLinkJson = z.infer<typeof identityLink>;
export type OidcProviderResponse = z.infer<typeof oidcProviderResponse>;
export type UnmappedUnitsResponse = z.infer<typeof unmappedUnitsResponse>;
export type ChangePageResponse = z.infer<typeof changePageResponse>;
export type ChangeCountJson = z.infer<typeof changeCount>;
export type ChangeCountsResponse = z.infer<typeof changeCountsResponse>;
