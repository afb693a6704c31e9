export function catalogFileOf(key: string): string;
export function joinCatalog(files: Record<string, Record<string, string>>): Record<string, string>;
