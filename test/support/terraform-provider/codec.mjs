// cty values on the wire: msgpack (unknown = extension type 0; DynamicPseudoType = [type JSON, value])
// or JSON (stored state). Values are plain JS: null, strings, numbers, booleans, arrays, objects,
// UNKNOWN; a dynamic value stays a { dynamicType, value } pair.
import { ExtensionCodec, decode, encode } from '@msgpack/msgpack';
import { Buffer } from 'node:buffer';

/** The unknown value ("known after apply"). */
export const UNKNOWN = Symbol('unknown');

/** A value of a DynamicPseudoType attribute: its cty type travels with it. */
export class Dynamic {
  /** @param {unknown} type cty JSON type @param {unknown} value */
  constructor(type, value) {
    this.type = type;
    this.value = value;
  }
}

const extensions = new ExtensionCodec();
extensions.register({
  type: 0,
  encode: (value) => (value === UNKNOWN ? new Uint8Array([0]) : null),
  decode: () => UNKNOWN,
});
// Refined unknowns (cty extension 12) are unknowns too.
extensions.register({ type: 12, encode: () => null, decode: () => UNKNOWN });

/**
 * @param {unknown} value
 * @param {import('./generate-schema.mjs').CtyType} type
 * @returns {unknown}
 */
function fromWire(value, type) {
  if (value === null || value === UNKNOWN || value === undefined) return value ?? null;
  if (type === 'dynamic') {
    const [typeJson, inner] = /** @type {[Uint8Array, unknown]} */ (value);
    const innerType = JSON.parse(Buffer.from(typeJson).toString('utf8'));
    return new Dynamic(innerType, fromWire(inner, innerType));
  }
  if (!Array.isArray(type)) return value;
  const [kind, el] = type;
  if (kind === 'list' || kind === 'set')
    return /** @type {unknown[]} */ (value).map((v) => fromWire(v, el));
  if (kind === 'tuple') return /** @type {unknown[]} */ (value).map((v, i) => fromWire(v, el[i]));
  const obj = /** @type {Record<string, unknown>} */ (value);
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const key of Object.keys(obj)) out[key] = fromWire(obj[key], kind === 'map' ? el : el[key]);
  return out;
}

/** @param {unknown} value @returns {unknown} */
function toWire(value) {
  if (value instanceof Dynamic) {
    return [Buffer.from(JSON.stringify(value.type)), toWire(value.value)];
  }
  if (Array.isArray(value)) return value.map(toWire);
  if (value && typeof value === 'object') {
    /** @type {Record<string, unknown>} */
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = toWire(v);
    return out;
  }
  return value;
}

/**
 * @param {{ msgpack?: Uint8Array, json?: Uint8Array } | null | undefined} dv
 * @param {import('./generate-schema.mjs').CtyType} type
 */
export function decodeValue(dv, type) {
  if (dv?.msgpack && dv.msgpack.length > 0) {
    return fromWire(decode(dv.msgpack, { extensionCodec: extensions }), type);
  }
  if (dv?.json && dv.json.length > 0) {
    return fromJson(JSON.parse(Buffer.from(dv.json).toString('utf8')), type);
  }
  return null;
}

/** @param {unknown} value @returns {{ msgpack: Uint8Array }} */
export function encodeValue(value) {
  return { msgpack: encode(toWire(value), { extensionCodec: extensions }) };
}

/**
 * A JSON value (stored state) in the shape of a cty type: objects get every attribute.
 * @param {unknown} value
 * @param {import('./generate-schema.mjs').CtyType} type
 * @returns {unknown}
 */
export function fromJson(value, type) {
  if (value === null || value === undefined) return null;
  if (type === 'dynamic') {
    const { type: t, value: v } = /** @type {{ type: any, value: unknown }} */ (value);
    return new Dynamic(t, fromJson(v, t));
  }
  if (!Array.isArray(type)) return value;
  const [kind, el] = type;
  if (kind === 'list' || kind === 'set')
    return /** @type {unknown[]} */ (value).map((v) => fromJson(v, el));
  if (kind === 'tuple') return /** @type {unknown[]} */ (value).map((v, i) => fromJson(v, el[i]));
  const obj = /** @type {Record<string, unknown>} */ (value);
  /** @type {Record<string, unknown>} */
  const out = {};
  if (kind === 'map') {
    for (const key of Object.keys(obj)) out[key] = fromJson(obj[key], el);
  } else {
    for (const key of Object.keys(el)) out[key] = fromJson(obj[key], el[key]);
  }
  return out;
}
