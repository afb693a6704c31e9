// The API's contract is one OpenAPI document, kept as fragments so that a feature adds
// its own files instead of editing a shared one (docs/adr/0053-contract-and-messages-split-by-feature.md):
//
//   base.json            everything but paths and schemas: openapi, info, servers,
//                        security, tags (one per feature: the registration line) and the
//                        shared securitySchemes, parameters, headers and responses;
//   <feature>/*.json     {"paths": {...}} and/or {"components": {"schemas": {...}}}.
//
// This module is the only place the fragments are put together: the server's build
// embeds its output, the API tests, the web app's fake API and its generated types read
// it. `node src/http/openapi/join.mjs OUT` writes the document to OUT.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const OPENAPI_DIR = path.dirname(fileURLToPath(import.meta.url));
const BASE = 'base.json';
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** The fragment files under `dir` (base.json aside), as sorted `/`-separated relative paths. */
export function fragmentFiles(dir = OPENAPI_DIR) {
  const out = [];
  const walk = (rel) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const name = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(name);
      else if (entry.name.endsWith('.json') && name !== BASE) out.push(name);
    }
  };
  walk('');
  // Code-unit order, not the locale's: the same document on every machine.
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The document from its base and its fragments ([{ name, doc }], in that order). Throws
 * when two fragments define the same path or component, when a fragment carries more
 * than paths and components, or when an operation's tag is not declared in the base.
 */
export function joinOpenApi(base, fragments) {
  const doc = structuredClone(base);
  doc.paths ??= {};
  doc.components ??= {};
  const origin = new Map();
  const claim = (what, name) => {
    if (origin.has(what)) throw new Error(`openapi: ${what} is defined in ${origin.get(what)} and in ${name}`);
    origin.set(what, name);
  };
  for (const { name, doc: fragment } of fragments) {
    for (const key of Object.keys(fragment)) {
      if (key !== 'paths' && key !== 'components')
        throw new Error(`openapi: ${name}: a fragment holds paths and components only, not "${key}" (base.json does)`);
    }
    for (const [route, item] of Object.entries(fragment.paths ?? {})) {
      claim(`path ${route}`, name);
      if (route in doc.paths) throw new Error(`openapi: ${name}: path ${route} is already in base.json`);
      doc.paths[route] = item;
    }
    for (const [kind, members] of Object.entries(fragment.components ?? {})) {
      doc.components[kind] ??= {};
      for (const [key, value] of Object.entries(members)) {
        claim(`components.${kind}.${key}`, name);
        if (key in doc.components[kind]) throw new Error(`openapi: ${name}: components.${kind}.${key} is already in base.json`);
        doc.components[kind][key] = value;
      }
    }
  }
  const declared = new Set((doc.tags ?? []).map((t) => t.name));
  for (const [route, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      for (const tag of item[method]?.tags ?? []) {
        if (!declared.has(tag))
          throw new Error(`openapi: ${method.toUpperCase()} ${route} has tag "${tag}", not declared in base.json's tags`);
      }
    }
  }
  return doc;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`openapi: ${file}: ${e.message}`);
  }
}

/** The whole document, joined from the fragments in `dir`. */
export function loadOpenApi(dir = OPENAPI_DIR) {
  const fragments = fragmentFiles(dir).map((name) => ({ name, doc: readJson(path.join(dir, name)) }));
  return joinOpenApi(readJson(path.join(dir, BASE)), fragments);
}

/** The text the server embeds and serves. */
export function serializeOpenApi(doc) {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2];
  if (!out) {
    console.error('usage: node src/http/openapi/join.mjs OUT.json');
    process.exit(2);
  }
  const text = serializeOpenApi(loadOpenApi());
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  // Rewritten only when it changed, so that what depends on it is not rebuilt for nothing.
  if (!fs.existsSync(out) || fs.readFileSync(out, 'utf8') !== text) fs.writeFileSync(out, text);
}
