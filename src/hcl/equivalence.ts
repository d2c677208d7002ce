import { soleExpression } from './template';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Brings Terraform JSON (a JSON synth, or HashiCorp's HCL parser's output for an HCL file) to
 * one form, so that an HCL rendering can be compared with the JSON synth it came from:
 * - metadata (`//`) is dropped;
 * - a one-element list of one object is that object (the parser writes every block as a
 *   list; the synth writes a single block as an object);
 * - a string that is exactly one interpolation is its expression (`${var.x}` → `var.x`, the
 *   parser's form of `x = var.x`; the synth's form of `type`, `depends_on`).
 */
export function normalizeTerraform(value: unknown): Json {
  if (typeof value === 'string') return soleExpression(value) ?? value;
  if (Array.isArray(value)) {
    const items = value.map(normalizeTerraform);
    const [only] = items;
    return items.length === 1 && only !== null && typeof only === 'object' && !Array.isArray(only)
      ? only
      : items;
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== '//')
        .map(([key, item]) => [key, normalizeTerraform(item)]),
    );
  }
  return value as Json;
}

/** The given top-level sections of a Terraform JSON document, normalized. */
export function sections(json: Record<string, unknown>, names: readonly string[]): Json {
  return normalizeTerraform(
    Object.fromEntries(
      names.filter((name) => json[name] !== undefined).map((name) => [name, json[name]]),
    ),
  );
}
