// Managed resources: plan (computed → unknown), apply (unknown → fake), read (state as is).
import { UNKNOWN } from './codec.mjs';
import { fillUnknowns, hash } from './fake-values.mjs';

/** @typedef {import('./schema.mjs').Block} Block */

/** @param {unknown} v @returns {boolean} */
function isNull(v) {
  return v === null || v === undefined;
}

/** Equal as values (sets compared as given). */
function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Planned state of one object of a block.
 * @param {Block} block
 * @param {Record<string, any>} proposed
 * @param {Record<string, any> | null} prior
 * @returns {Record<string, any>}
 */
export function planObject(block, proposed, prior) {
  /** @type {Record<string, any>} */
  const out = { ...proposed };
  for (const a of block.attributes) {
    if (!a.computed) continue;
    const v = proposed[a.name];
    if (isNull(v)) out[a.name] = prior && !isNull(prior[a.name]) ? prior[a.name] : UNKNOWN;
  }
  for (const b of block.block_types) {
    const v = proposed[b.type_name];
    if (isNull(v) || v === UNKNOWN) continue;
    const p = prior ? prior[b.type_name] : null;
    if (b.nesting === 'single') out[b.type_name] = planObject(b.block, v, p ?? null);
    else if (b.nesting === 'map') {
      out[b.type_name] = Object.fromEntries(
        Object.entries(v).map(([k, el]) => [k, planObject(b.block, el, p?.[k] ?? null)]),
      );
    } else if (b.nesting === 'list') {
      out[b.type_name] = v.map((/** @type {any} */ el, /** @type {number} */ i) =>
        planObject(b.block, el, Array.isArray(p) ? (p[i] ?? null) : null),
      );
    } else {
      // Sets: an element equal to a prior one in everything configured keeps the prior element.
      out[b.type_name] = v.map((/** @type {any} */ el) => {
        const match = Array.isArray(p)
          ? p.find((old) => Object.keys(el).every((k) => isNull(el[k]) || same(el[k], old[k])))
          : undefined;
        return planObject(b.block, el, match ?? null);
      });
    }
  }
  return out;
}

/**
 * @param {Block} block
 * @param {{ type: string, prior: any, proposed: any, region: string,
 *   defaultTags?: Record<string, string> }} req
 */
export function planResourceChange(block, { prior, proposed, region, defaultTags = {} }) {
  if (isNull(proposed)) return null;
  const planned = planObject(block, proposed, isNull(prior) ? null : prior);
  // Like the provider (6.x): a resource's `region` defaults to the provider's at plan time.
  if (planned.region === UNKNOWN) planned.region = region;
  // Like the provider: tags_all is the provider's default_tags merged with the resource's tags.
  const tagsAll = block.attributes.find((a) => a.name === 'tags_all' && a.computed);
  const tags = planned.tags;
  if (tagsAll && isNull(proposed.tags_all) && tags !== UNKNOWN) {
    const own = isNull(tags) ? {} : tags;
    if (!Object.values(own).includes(UNKNOWN)) planned.tags_all = { ...defaultTags, ...own };
  }
  return planned;
}

/**
 * @param {Block} block
 * @param {{ type: string, planned: any, config: any, region: string }} req
 */
export function applyResourceChange(block, { type, planned, config, region }) {
  if (isNull(planned)) return null;
  const seed = `${type}:${hash(JSON.stringify(config ?? planned))}`;
  return fillUnknowns(block, planned, { type, region, seed, object: planned });
}
