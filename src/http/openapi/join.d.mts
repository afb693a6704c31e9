// Types of join.mjs for the web app's TypeScript (its fake API checks answers against the document).
export type OpenApiDocument = Record<string, unknown>;
export const OPENAPI_DIR: string;
export function fragmentFiles(dir?: string): string[];
export function joinOpenApi(
  base: OpenApiDocument,
  fragments: { name: string; doc: OpenApiDocument }[],
): OpenApiDocument;
export function loadOpenApi(dir?: string): OpenApiDocument;
export function serializeOpenApi(doc: OpenApiDocument): string;
