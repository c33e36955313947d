import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ALIAS_BOMB } from '../../io/testFiles.ts';
import { run } from '../../cli/testing.ts';
import { testEngines } from '../../store/testing.ts';
import { startTestServer, type TestServer } from '../testing.ts';

describe('a YAML alias bomb is refused as invalid data', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer(testEngines()[0]!);
  });
  after(() => server.close());

  test('POST /api/import answers 422 with the message, not 500', async () => {
    const admin = await server.login('admin');
    const response = await server.request('POST', '/api/import?dryRun=true', ALIAS_BOMB, { ...admin, 'content-type': 'application/yaml' });
    assert.equal(response.status, 422, JSON.stringify(response.body));
    assert.equal(response.body.error.code, 'document.aliases');
  });

  test('parindex validate exits 3 with the message, no stack trace', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'parindex-bomb-')), 'bom.yaml');
    writeFileSync(file, ALIAS_BOMB);
    const { code, err } = await run('validate', file);
    assert.equal(code, 3);
    assert.match(err, /tham chiếu YAML/);
    assert.doesNotMatch(err, /at .*\.ts:\d+/);
  });
});
