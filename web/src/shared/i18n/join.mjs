// The translations are kept one file per key prefix and language: every key "admin.…" of
// pt-BR lives in src/i18n/pt-BR/admin.json (docs/adr/0053-contract-and-messages-split-by-feature.md).
// This is the only place those files are put together into one catalogue per language:
// the app reads them through Vite (i18n.tsx), the browser tests from disk (e2e/lib.mjs).

/** The file name a key belongs in: its prefix before the first dot, plus ".json". */
export function catalogFileOf(key) {
  return `${key.split('.')[0]}.json`;
}

/**
 * One language's catalogue from its files, given as { "<any path>/<prefix>.json": messages }.
 * Throws when a key sits in a file other than its prefix's, which is also what keeps a key
 * from being defined twice.
 */
export function joinCatalog(files) {
  const messages = {};
  const names = Object.keys(files).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    const base = name.split('/').pop();
    for (const [key, text] of Object.entries(files[name])) {
      if (catalogFileOf(key) !== base)
        throw new Error(`i18n: ${name}: the key "${key}" belongs in ${catalogFileOf(key)}`);
      messages[key] = text;
    }
  }
  return messages;
}
