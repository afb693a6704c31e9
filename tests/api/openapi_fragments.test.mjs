// The contract is kept as per-feature fragments (src/http/openapi/, ADR 0053) joined by
// one module; these check its rules without a server: a path or schema defined twice,
// a fragment holding base parts and an undeclared tag are refused, and the fragments in
// the repository join into one valid-looking document.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fragmentFiles, joinOpenApi, loadOpenApi, OPENAPI_DIR } from '../../src/http/openapi/join.mjs';

const base = { openapi: '3.1.0', tags: [{ name: 'Parties' }], paths: {}, components: { schemas: {} } };
const op = (tag) => ({ get: { tags: [tag], responses: { 200: { description: 'ok' } } } });

describe('the contract joined from its fragments', () => {
  test('puts paths and schemas of every fragment into the base, in fragment order', () => {
    const doc = joinOpenApi(base, [
      { name: 'parties/paths.json', doc: { paths: { '/b': op('Parties'), '/a': op('Parties') } } },
      { name: 'parties/schemas.json', doc: { components: { schemas: { Party: { type: 'object' } } } } },
    ]);
    assert.deepEqual(Object.keys(doc.paths), ['/b', '/a']);
    assert.deepEqual(doc.components.schemas, { Party: { type: 'object' } });
    assert.deepEqual(base.paths, {}, 'the base itself is left as it was');
  });

  test('refuses a path or a schema defined twice, naming both files', () => {
    assert.throws(
      () => joinOpenApi(base, [
        { name: 'a/paths.json', doc: { paths: { '/x': op('Parties') } } },
        { name: 'b/paths.json', doc: { paths: { '/x': op('Parties') } } },
      ]),
      /path \/x is defined in a\/paths\.json and in b\/paths\.json/);
    assert.throws(
      () => joinOpenApi(base, [
        { name: 'a/schemas.json', doc: { components: { schemas: { S: {} } } } },
        { name: 'common/schemas.json', doc: { components: { schemas: { S: {} } } } },
      ]),
      /components\.schemas\.S is defined in a\/schemas\.json and in common\/schemas\.json/);
    assert.throws(
      () => joinOpenApi({ ...base, components: { responses: { NotFound: {} } } },
        [{ name: 'a/paths.json', doc: { components: { responses: { NotFound: {} } } } }]),
      /components\.responses\.NotFound is already in base\.json/);
  });

  test('refuses base parts in a fragment and a tag the base does not declare', () => {
    assert.throws(() => joinOpenApi(base, [{ name: 'x.json', doc: { info: {} } }]), /not "info"/);
    assert.throws(
      () => joinOpenApi(base, [{ name: 'x/paths.json', doc: { paths: { '/x': op('Mailings') } } }]),
      /GET \/x has tag "Mailings", not declared/);
  });

  test('reads the fragments below a folder, base.json apart, in code-unit order', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retorno-openapi-'));
    try {
      fs.writeFileSync(path.join(dir, 'base.json'), JSON.stringify(base));
      fs.mkdirSync(path.join(dir, 'parties'));
      fs.writeFileSync(path.join(dir, 'parties', 'paths.json'), JSON.stringify({ paths: { '/p': op('Parties') } }));
      fs.writeFileSync(path.join(dir, 'Z.json'), JSON.stringify({ paths: { '/z': op('Parties') } }));
      assert.deepEqual(fragmentFiles(dir), ['Z.json', 'parties/paths.json']);
      assert.deepEqual(Object.keys(loadOpenApi(dir).paths), ['/z', '/p']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('of the repository: every fragment under ~900 lines, every operation tagged and documented', () => {
    const doc = loadOpenApi();
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(Object.keys(doc.paths).length > 100, 'the paths of every feature are there');
    for (const name of ['base.json', ...fragmentFiles()]) {
      const lines = fs.readFileSync(path.join(OPENAPI_DIR, name), 'utf8').split('\n').length - 1;
      assert.ok(lines <= 900, `${name} has ${lines} lines: split it (docs/architecture.md)`);
    }
  });
});
