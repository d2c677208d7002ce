// The generated schema at run time: lookups by type name without parsing the whole file, the
// implied cty type of a block, and the protobuf shape of GetProviderSchema.
import { readFileSync } from 'node:fs';
import { Buffer } from 'node:buffer';

/** @typedef {import('./generate-schema.mjs').Block} Block */
/** @typedef {import('./generate-schema.mjs').Attribute} Attribute */
/** @typedef {import('./generate-schema.mjs').CtyType} CtyType */

/**
 * The schema as JSON lines: line 1 {"provider": …}, then {"k":"r:<type>"|"d:<type>","s": block}.
 * @param {string} file
 */
export function openSchema(file) {
  /** @type {string | undefined} */
  let loaded;
  // Read on first use: the plugin instance that only answers GetProviderSchema never needs it.
  const text = {
    /** @param {string} s @param {number} [from] */
    indexOf: (s, from) => (loaded ??= readFileSync(file, 'utf8')).indexOf(s, from),
    /** @param {number} a @param {number} [b] */
    slice: (a, b) => (loaded ??= readFileSync(file, 'utf8')).slice(a, b),
  };
  /** @type {Map<string, Block | null>} */
  const cache = new Map();
  return {
    /** @returns {Block} */
    provider() {
      return JSON.parse(text.slice(0, text.indexOf('\n'))).provider;
    },
    /** @param {'r'|'d'} kind @param {string} name @returns {Block | null} */
    block(kind, name) {
      const key = `${kind}:${name}`;
      if (!cache.has(key)) {
        const at = text.indexOf(`{"k":${JSON.stringify(key)},`);
        cache.set(key, at < 0 ? null : JSON.parse(text.slice(at, text.indexOf('\n', at))).s);
      }
      return cache.get(key) ?? null;
    },
  };
}

/** @param {Attribute} a @returns {CtyType} */
export function attributeType(a) {
  if (!a.nested) return /** @type {CtyType} */ (a.type);
  const obj = impliedType(a.nested.block);
  const n = a.nested.nesting;
  return n === 'single' ? obj : [n, obj];
}

/** @param {Block} block @returns {CtyType} */
export function impliedType(block) {
  /** @type {Record<string, CtyType>} */
  const attrs = {};
  for (const a of block.attributes) attrs[a.name] = attributeType(a);
  for (const b of block.block_types) {
    const obj = impliedType(b.block);
    attrs[b.type_name] = b.nesting === 'single' ? obj : [b.nesting, obj];
  }
  return ['object', attrs];
}

const NESTING = { single: 1, list: 2, set: 3, map: 4 };

/** @param {Attribute} a */
function protoAttribute(a) {
  /** @type {Record<string, unknown>} */
  const out = {
    name: a.name,
    required: a.required,
    optional: a.optional,
    computed: a.computed,
    sensitive: a.sensitive,
  };
  if (a.nested) {
    const inner = a.nested.block;
    out.nested_type = {
      attributes: [
        ...inner.attributes,
        ...inner.block_types.map((b) => ({
          name: b.type_name,
          nested: { nesting: b.nesting, block: b.block },
          required: false,
          optional: true,
          computed: false,
          sensitive: false,
        })),
      ].map(protoAttribute),
      nesting: NESTING[a.nested.nesting],
    };
  } else {
    out.type = Buffer.from(JSON.stringify(a.type));
  }
  return out;
}

/** @param {Block} block @returns {Record<string, unknown>} */
export function protoBlock(block) {
  return {
    attributes: block.attributes.map(protoAttribute),
    block_types: block.block_types.map((b) => ({
      type_name: b.type_name,
      nesting: NESTING[b.nesting],
      min_items: b.min_items,
      max_items: b.max_items,
      block: protoBlock(b.block),
    })),
  };
}
