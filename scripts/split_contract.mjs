#!/usr/bin/env node
// Splits the monolithic API contract (src/http/openapi.json) and the web app's monolithic
// translation catalogues (web/src/i18n/{pt-BR,es,en}.json) into the per-feature fragments
// the build joins (docs/adr/0053-contract-and-messages-split-by-feature.md), checks that the
// fragments join back into exactly what was split, then deletes the monoliths.
//
// Every placement follows a rule, so that re-running the script on a monolith that others
// edited meanwhile gives the same layout with their changes in it:
//   - a path goes to the folder of its first operation's first tag, in kebab case
//     ("Reminders and e-mail" -> reminders-and-e-mail/paths.json);
//   - a schema goes to the folder of the only feature whose paths reach it (directly or
//     through other schemas); one reached by several features, by the base's shared
//     responses, parameters or headers, or by nothing goes to common/;
//   - everything else (openapi, info, servers, security, tags, securitySchemes, shared
//     parameters, headers and responses) goes to base.json;
//   - a file that would pass MAX_LINES is split: paths by their leading segments after
//     /api/v1 (paths-<segments>.json, one more segment at a time), schemas in their
//     document order into schemas-1.json, schemas-2.json, ...;
//   - a translation key goes to web/src/i18n/<language>/<prefix before the first dot>.json.
//
// Usage: node scripts/split_contract.mjs   (from anywhere; it finds the repository itself)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadOpenApi, OPENAPI_DIR } from '../src/http/openapi/join.mjs';
import { catalogFileOf, joinCatalog } from '../web/src/shared/i18n/join.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MONOLITH = path.join(ROOT, 'src/http/openapi.json');
const I18N = path.join(ROOT, 'web/src/i18n');
const LANGUAGES = ['pt-BR', 'es', 'en'];
const MAX_LINES = 900;
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const SCHEMA_REF = '#/components/schemas/';

const text = (value) => `${JSON.stringify(value, null, 2)}\n`;
const lines = (value) => text(value).split('\n').length - 1;
const byCodeUnit = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

function kebab(name) {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Every `$ref` string inside a value. */
function refsOf(value, out = new Set()) {
  if (Array.isArray(value)) for (const v of value) refsOf(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.add(v);
      else refsOf(v, out);
    }
  }
  return out;
}

// ---- the contract ----

function featureOfPath(route, item) {
  const first = METHODS.map((m) => item[m]).find(Boolean);
  const tag = first?.tags?.[0];
  return tag ? kebab(tag) : 'common';
}

/** The schemas reachable from a value, following references through components. */
function reachableSchemas(doc, start) {
  const seen = new Set();
  const pending = [...refsOf(start)];
  const visited = new Set();
  while (pending.length) {
    const ref = pending.pop();
    if (visited.has(ref) || !ref.startsWith('#/components/')) continue;
    visited.add(ref);
    const [kind, name] = ref.slice('#/components/'.length).split('/');
    const target = doc.components?.[kind]?.[name];
    if (target === undefined) continue;
    if (kind === 'schemas') seen.add(name);
    pending.push(...refsOf(target));
  }
  return seen;
}

/** Splits a feature's paths into files of at most MAX_LINES, by leading segments. */
function pathFiles(paths) {
  if (lines({ paths }) <= MAX_LINES) return [['paths.json', paths]];
  const segments = (route) => route.replace(/^\/api\/v1\//, '/').split('/').filter(Boolean);
  const keyOf = (route, depth) => segments(route).slice(0, depth).join('/');
  const fileName = (key) => `paths-${key.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase()}.json`;
  const out = [];
  const split = (routes, depth) => {
    const groups = new Map();
    for (const route of routes) {
      const key = keyOf(route, depth);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(route);
    }
    for (const [key, group] of groups) {
      const part = Object.fromEntries(group.map((r) => [r, paths[r]]));
      const deeper = group.some((r) => segments(r).length > depth);
      if (lines({ paths: part }) > MAX_LINES && deeper && group.length > 1) split(group, depth + 1);
      else out.push([fileName(key), part]);
    }
  };
  split(Object.keys(paths), 1);
  const names = out.map(([n]) => n);
  assert.equal(new Set(names).size, names.length, `two path files would have the same name: ${names}`);
  return out;
}

/** Splits schemas into files of at most MAX_LINES, in document order. */
function schemaFiles(schemas) {
  if (lines({ components: { schemas } }) <= MAX_LINES) return [['schemas.json', schemas]];
  const chunks = [];
  let chunk = {};
  for (const [name, schema] of Object.entries(schemas)) {
    const grown = { ...chunk, [name]: schema };
    if (Object.keys(chunk).length && lines({ components: { schemas: grown } }) > MAX_LINES) {
      chunks.push(chunk);
      chunk = { [name]: schema };
    } else chunk = grown;
  }
  chunks.push(chunk);
  return chunks.map((c, i) => [`schemas-${i + 1}.json`, c]);
}

function splitContract(doc) {
  const files = new Map();
  const features = new Map(); // feature -> { paths, schemas }
  const feature = (name) => {
    if (!features.has(name)) features.set(name, { paths: {}, schemas: {} });
    return features.get(name);
  };
  for (const [route, item] of Object.entries(doc.paths)) feature(featureOfPath(route, item)).paths[route] = item;

  const users = new Map(); // schema -> Set of features (and '(base)')
  const use = (schema, who) => {
    if (!users.has(schema)) users.set(schema, new Set());
    users.get(schema).add(who);
  };
  for (const [name, f] of features) for (const s of reachableSchemas(doc, f.paths)) use(s, name);
  const { schemas: _schemas, ...shared } = doc.components;
  for (const s of reachableSchemas(doc, shared)) use(s, '(base)');
  for (const [name, schema] of Object.entries(doc.components.schemas ?? {})) {
    const who = users.get(name);
    const home = who && who.size === 1 && !who.has('(base)') ? [...who][0] : 'common';
    feature(home).schemas[name] = schema;
  }

  const base = { ...doc, paths: {}, components: { ...doc.components, schemas: {} } };
  files.set('base.json', base);
  for (const [name, f] of features) {
    if (Object.keys(f.paths).length)
      for (const [file, part] of pathFiles(f.paths)) files.set(`${name}/${file}`, { paths: part });
    if (Object.keys(f.schemas).length)
      for (const [file, part] of schemaFiles(f.schemas)) files.set(`${name}/${file}`, { components: { schemas: part } });
  }
  return files;
}

function removeJson(dir) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      removeJson(p);
      if (!fs.readdirSync(p).length) fs.rmdirSync(p);
    } else if (entry.name.endsWith('.json')) fs.rmSync(p);
  }
}

function writeFiles(dir, files) {
  for (const [name, value] of files) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text(value));
  }
}

// ---- the translations ----

function splitCatalog(messages) {
  const files = new Map();
  for (const [key, value] of Object.entries(messages)) {
    const name = catalogFileOf(key);
    if (!files.has(name)) files.set(name, {});
    files.get(name)[key] = value;
  }
  // Keys sorted inside each file: where to add one is then obvious, and merges stay small.
  return new Map(
    [...files].map(([name, part]) => [name, Object.fromEntries(Object.entries(part).sort(([a], [b]) => byCodeUnit(a, b)))]),
  );
}

function readCatalogDir(dir) {
  const files = {};
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.json')))
    files[`${path.basename(dir)}/${name}`] = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
  return files;
}

// ---- main ----

const catalogs = LANGUAGES.map((l) => path.join(I18N, `${l}.json`));
const missing = [MONOLITH, ...catalogs].filter((f) => !fs.existsSync(f));
if (missing.length) {
  console.error(`split_contract: nothing to split, missing: ${missing.map((f) => path.relative(ROOT, f)).join(', ')}`);
  process.exit(1);
}

const doc = JSON.parse(fs.readFileSync(MONOLITH, 'utf8'));
const contractFiles = splitContract(doc);
removeJson(OPENAPI_DIR);
writeFiles(OPENAPI_DIR, contractFiles);
assert.deepStrictEqual(loadOpenApi(), doc, 'the fragments do not join back into src/http/openapi.json');

const written = [...contractFiles.keys()].map((n) => `src/http/openapi/${n}`);
for (const [i, language] of LANGUAGES.entries()) {
  const messages = JSON.parse(fs.readFileSync(catalogs[i], 'utf8'));
  const dir = path.join(I18N, language);
  removeJson(dir);
  const files = splitCatalog(messages);
  writeFiles(dir, files);
  assert.deepStrictEqual(joinCatalog(readCatalogDir(dir)), messages, `the fragments do not join back into ${language}.json`);
  written.push(...[...files.keys()].map((n) => `web/src/i18n/${language}/${n}`));
}

for (const f of [MONOLITH, ...catalogs]) fs.rmSync(f);

const tooLong = written.filter((f) => fs.readFileSync(path.join(ROOT, f), 'utf8').split('\n').length - 1 > MAX_LINES);
console.log(`split_contract: wrote ${written.length} files (${contractFiles.size} of the contract), removed the monoliths`);
if (tooLong.length) console.log(`split_contract: over ${MAX_LINES} lines (one path alone is that long): ${tooLong.join(', ')}`);
