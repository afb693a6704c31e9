// The fake API's answers checked against the OpenAPI document (src/http/openapi/),
// as tests/api/harness.mjs checks the real server's: a fake may only answer what the
// server can (a documented route and status, a body matching the schema with no member
// the document does not name), so a component test never passes on a shape the
// server never sends. The types (./types of shared/api) say the same at compile time
// for the fixtures built with them; this covers the bodies written inline in tests.
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { loadOpenApi } from '../../../src/http/openapi/join.mjs';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

// vitest runs this file in Node, whatever the DOM: the document is joined from its
// fragments on disk by the one join the server's build uses.
const doc = loadOpenApi() as JsonObject;
const paths = doc.paths as Record<string, Record<string, JsonObject>>;

// Closes every object schema that lists its properties (for this check only).
function closeObjects(node: Json): Json {
  if (Array.isArray(node)) return node.map(closeObjects);
  if (node === null || typeof node !== 'object') return node;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === 'examples' ? v : closeObjects(v);
  if (out.properties && !('additionalProperties' in out) && !('unevaluatedProperties' in out))
    out.unevaluatedProperties = false;
  return out;
}

const DOC_ID = 'retorno-openapi';
let ajv: Ajv2020 | null = null;
function contractAjv(): Ajv2020 {
  if (ajv) return ajv;
  ajv = new Ajv2020({ strict: false, allErrors: true, inlineRefs: false });
  addFormats(ajv);
  const components = doc.components as JsonObject;
  ajv.addSchema({ $id: DOC_ID, components: { schemas: closeObjects(components.schemas) } });
  return ajv;
}

const routes = Object.keys(paths)
  .map((template) => ({ template, segments: template.split('/') }))
  .sort(
    (a, b) => a.segments.filter((s) => s.startsWith('{')).length - b.segments.filter((s) => s.startsWith('{')).length,
  );

function operationOf(method: string, path: string): { template?: string; operation?: JsonObject } {
  const segs = path.split('/');
  const m = method.toLowerCase();
  const matches = routes.filter(
    (r) => r.segments.length === segs.length && r.segments.every((s, i) => s.startsWith('{') || s === segs[i]),
  );
  const hit = matches.find((r) => paths[r.template][m]);
  return { template: hit?.template ?? matches[0]?.template, operation: hit ? paths[hit.template][m] : undefined };
}

function deref(obj: Json | undefined): JsonObject | undefined {
  let o = obj as JsonObject | undefined;
  while (o && typeof o.$ref === 'string') {
    const parts = o.$ref.replace(/^#\//, '').split('/');
    o = parts.reduce<Json | undefined>((acc, k) => (acc as JsonObject | undefined)?.[k], doc) as JsonObject | undefined;
  }
  return o;
}

const validators = new Map<string, ValidateFunction>();

/**
 * What is wrong with a fake's answer to `method path` (path under /api/v1, without the
 * query), or null when the server could answer so.
 */
export function contractViolation(method: string, path: string, status: number, body: unknown): string | null {
  const full = `/api/v1${path}`;
  const where = `${method} ${path} -> ${status}`;
  const { template, operation } = operationOf(method, full);
  if (!operation)
    return `${where}: ${template ? `${method} is not documented for ${template}` : 'no such route in openapi.json'}`;
  const responses = operation.responses as JsonObject;
  const response = deref(responses[String(status)]);
  if (!response)
    return `${where}: status ${status} is not documented (documented: ${Object.keys(responses).join(', ')})`;
  if (body === undefined || status === 204) return null;
  const content = (response.content ?? {}) as JsonObject;
  const media = status >= 400 ? 'application/problem+json' : 'application/json';
  const entry = content[media] as JsonObject | undefined;
  if (!entry)
    return `${where}: no ${media} body is documented (documented: ${Object.keys(content).join(', ') || 'none'})`;
  const key = `${template} ${method} ${status}`;
  let validate = validators.get(key);
  if (!validate) {
    const rebased = JSON.parse(
      JSON.stringify(closeObjects(entry.schema)).replaceAll('"$ref":"#/', `"$ref":"${DOC_ID}#/`),
    );
    validate = contractAjv().compile(rebased);
    validators.set(key, validate);
  }
  if (validate(body)) return null;
  const errors = (validate.errors ?? [])
    .slice(0, 8)
    .map(
      (e) =>
        `${e.instancePath || '(body)'} ${e.message}${'unevaluatedProperty' in e.params ? `: ${String(e.params.unevaluatedProperty)}` : ''}`,
    )
    .join('; ');
  return `${where}: the body does not match openapi.json (${template}): ${errors}`;
}
