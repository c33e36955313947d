/** OpenID Connect settings from the environment: off without an issuer, defaults, and refusals naming the variable. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { oidcFrom } from './oidcConfig.ts';

test('OpenID Connect is configured by environment', () => {
  assert.equal(oidcFrom({}), undefined);
  assert.deepEqual(oidcFrom({ PARINDEX_OIDC_ISSUER: 'https://sso.tinh.example/realms/t', PARINDEX_OIDC_CLIENT_ID: 'parindex' }), {
    issuer: 'https://sso.tinh.example/realms/t',
    clientId: 'parindex',
    scopes: 'openid',
    claim: 'sub',
    name: 'OpenID Connect',
  });
  const full = oidcFrom({
    PARINDEX_OIDC_ISSUER: 'https://sso.tinh.example',
    PARINDEX_OIDC_CLIENT_ID: 'parindex',
    PARINDEX_OIDC_CLIENT_SECRET: 's3cret',
    PARINDEX_OIDC_SCOPES: 'email openid profile',
    PARINDEX_OIDC_CLAIM: 'email',
    PARINDEX_OIDC_NAME: 'Cổng định danh tỉnh',
    PARINDEX_PUBLIC_URL: 'https://cchc.tinh.example',
  });
  assert.equal(full?.scopes, 'openid email profile');
  assert.equal(full?.claim, 'email');
  assert.equal(full?.clientSecret, 's3cret');
  assert.equal(full?.redirectUrl, 'https://cchc.tinh.example/api/session/oidc/callback');
  assert.equal(full?.postLogoutUrl, 'https://cchc.tinh.example/', 'after the provider signs out: back to the app');
  assert.equal(
    oidcFrom({
      PARINDEX_OIDC_ISSUER: 'https://sso.tinh.example',
      PARINDEX_OIDC_CLIENT_ID: 'p',
      PARINDEX_OIDC_POST_LOGOUT_URL: 'https://cchc.tinh.example/da-dang-xuat',
    })?.postLogoutUrl,
    'https://cchc.tinh.example/da-dang-xuat',
  );
  assert.throws(() => oidcFrom({ PARINDEX_OIDC_ISSUER: 'https://sso.tinh.example' }), /PARINDEX_OIDC_CLIENT_ID/);
  assert.throws(() => oidcFrom({ PARINDEX_OIDC_ISSUER: 'not a url', PARINDEX_OIDC_CLIENT_ID: 'x' }), /PARINDEX_OIDC_ISSUER/);
});
