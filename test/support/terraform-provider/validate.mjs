// What the provider itself validates (Terraform core checks the rest from the schema): a value
// set on a computed-only attribute, with the provider SDK's words.
import { UNKNOWN } from './codec.mjs';

/** @typedef {import('./schema.mjs').Block} Block */

/** @param {string[]} names attribute path → protocol AttributePath */
const path = (names) => ({ steps: names.map((attribute_name) => ({ attribute_name })) });

/**
 * @param {Block} block
 * @param {Record<string, any> | null} config
 * @param {string[]} [at]
 * @returns {object[]} diagnostics
 */
export function validateConfig(block, config, at = []) {
  if (!config || config === UNKNOWN) return [];
  /** @type {object[]} */
  const out = [];
  for (const a of block.attributes) {
    const v = config[a.name];
    if (a.computed && !a.optional && !a.required && v !== null && v !== undefined) {
      out.push({
        severity: 1,
        summary: 'Value for unconfigurable attribute',
        detail: `Can't configure a value for "${a.name}": its value will be decided automatically based on the result of applying this configuration.`,
        attribute: path([...at, a.name]),
      });
    }
  }
  for (const b of block.block_types) {
    const v = config[b.type_name];
    if (v === null || v === undefined || v === UNKNOWN) continue;
    const elements = b.nesting === 'single' ? [v] : b.nesting === 'map' ? Object.values(v) : v;
    for (const el of elements) out.push(...validateConfig(b.block, el, [...at, b.type_name]));
  }
  return out;
}
