import { parse } from '@cdktf/hcl2json';

/** Parses HCL files with HashiCorp's HCL parser and merges their top-level sections. */
export async function parseHcl(files: Record<string, string>): Promise<Record<string, unknown>> {
  const merged: Record<string, unknown> = {};
  for (const [name, content] of Object.entries(files)) {
    const parsed = (await parse(name, content)) as Record<string, unknown>;
    for (const [section, value] of Object.entries(parsed)) {
      const before = merged[section];
      merged[section] = Array.isArray(value)
        ? [...((before as unknown[]) ?? []), ...value]
        : { ...(before as object), ...(value as object) };
    }
  }
  return merged;
}
