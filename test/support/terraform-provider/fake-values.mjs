// Deterministic stand-ins for values only AWS would know: same inputs, same values.
import { createHash } from 'node:crypto';
import { UNKNOWN } from './codec.mjs';
import { attributeType } from './schema.mjs';

export const ACCOUNT_ID = '111122223333';
export const DEFAULT_REGION = 'eu-west-1';

/** Services whose ARNs have no region. */
const GLOBAL = new Set(['iam', 's3', 'cloudfront', 'route53', 'organizations', 'waf', 'shield']);

/**
 * @typedef {{ type: string, region: string, seed: string, object: Record<string, unknown> }} Context
 */

/** @param {string} text @param {number} [length] */
export function hash(text, length = 17) {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/** aws_iam_role → { service: 'iam', kind: 'role' } */
export function serviceOf(type) {
  const [, service, ...rest] = type.split('_');
  return { service, kind: rest.join('-') || service };
}

/** The resource's own name, if it has one in its configuration. @param {Context} ctx */
function nameOf(ctx) {
  for (const key of ['name', 'function_name', 'family', 'bucket', 'role_name', 'cluster_name']) {
    const v = ctx.object[key];
    if (typeof v === 'string' && v !== '') return v;
  }
  return `${serviceOf(ctx.type).kind}-${hash(ctx.seed, 8)}`;
}

/** @param {string} service @param {string} region @param {string} resource */
export function arn(service, region, resource) {
  const r = GLOBAL.has(service) ? '' : region;
  const account = service === 's3' ? '' : ACCOUNT_ID;
  return `arn:aws:${service}:${r}:${account}:${resource}`;
}

/** @param {Context} ctx */
function resourceArn(ctx) {
  const { service, kind } = serviceOf(ctx.type);
  const name = nameOf(ctx);
  if (ctx.type === 'aws_lambda_function') return arn('lambda', ctx.region, `function:${name}`);
  if (ctx.type === 'aws_ecs_task_definition')
    return arn('ecs', ctx.region, `task-definition/${name}:1`);
  if (ctx.type === 'aws_cloudwatch_log_group') return arn('logs', ctx.region, `log-group:${name}`);
  if (service === 's3') return `arn:aws:s3:::${name}`;
  return arn(service, ctx.region, `${kind}/${name}`);
}

/**
 * A fake value for an attribute by name and type.
 * @param {string} name
 * @param {import('./schema.mjs').CtyType} type
 * @param {Context} ctx
 * @returns {unknown}
 */
export function fakeValue(name, type, ctx) {
  if (Array.isArray(type)) {
    const [kind, el] = type;
    if (kind === 'object') {
      /** @type {Record<string, unknown>} */
      const out = {};
      for (const [k, t] of Object.entries(/** @type {Record<string, any>} */ (el))) {
        out[k] = fakeValue(k, t, { ...ctx, seed: `${ctx.seed}/${name}` });
      }
      return out;
    }
    if (kind === 'map') {
      if (name === 'tags_all')
        return ctx.object.tags && ctx.object.tags !== UNKNOWN ? ctx.object.tags : {};
      return {};
    }
    return [];
  }
  if (type === 'number') return /(^|_)(version|revision)$/.test(name) ? 1 : 0;
  if (type === 'bool') return false;
  if (type !== 'string') return null;
  const { service } = serviceOf(ctx.type);
  if (name === 'id') return nameOf(ctx);
  if (name === 'arn') return resourceArn(ctx);
  if (name === 'invoke_arn' && ctx.type === 'aws_lambda_function') {
    return `arn:aws:apigateway:${ctx.region}:lambda:path/2015-03-31/functions/${resourceArn(ctx)}/invocations`;
  }
  if (name.endsWith('_arn')) return arn(service, ctx.region, `${name.slice(0, -4)}/${nameOf(ctx)}`);
  if (name === 'account_id' || name === 'owner_id') return ACCOUNT_ID;
  if (name === 'region') return ctx.region;
  if (name === 'name') return `terraform-${hash(ctx.seed, 20)}`;
  if (name === 'unique_id') return `AROA${hash(ctx.seed, 17).toUpperCase()}`;
  if (/(^|_)(date|time|modified)$/.test(name)) return '2026-01-01T00:00:00Z';
  if (/(^|_)(sha256|hash)$/.test(name))
    return createHash('sha256').update(ctx.seed).digest('base64');
  if (name.endsWith('_id'))
    return `${name.slice(0, -3).replace(/_/g, '-')}-${hash(`${ctx.seed}/${name}`)}`;
  if (/(^|_)(version|revision)$/.test(name)) return '1';
  return '';
}

/**
 * Replaces every unknown in a value of a block with a fake value.
 * @param {import('./schema.mjs').Block} block
 * @param {Record<string, unknown>} value
 * @param {Context} ctx
 * @returns {Record<string, unknown>}
 */
export function fillUnknowns(block, value, ctx) {
  const here = { ...ctx, object: value };
  /** @type {Record<string, unknown>} */
  const out = { ...value };
  for (const a of block.attributes) {
    out[a.name] = fillValue(a.name, attributeType(a), value[a.name], here);
  }
  for (const b of block.block_types) {
    const v = value[b.type_name];
    const fill = (/** @type {any} */ el, /** @type {string} */ key) =>
      el === null
        ? null
        : fillUnknowns(b.block, el, { ...here, seed: `${ctx.seed}/${b.type_name}${key}` });
    if (v === UNKNOWN)
      out[b.type_name] = b.nesting === 'single' ? null : b.nesting === 'map' ? {} : [];
    else if (v === null || v === undefined) out[b.type_name] = v ?? null;
    else if (b.nesting === 'single') out[b.type_name] = fill(v, '');
    else if (b.nesting === 'map') {
      out[b.type_name] = Object.fromEntries(
        Object.entries(v).map(([k, el]) => [k, fill(el, `.${k}`)]),
      );
    } else out[b.type_name] = /** @type {any[]} */ (v).map((el, i) => fill(el, `[${i}]`));
  }
  return out;
}

/** @returns {unknown} */
function fillValue(name, type, v, ctx) {
  if (v === UNKNOWN) return fakeValue(name, type, ctx);
  if (v === null || v === undefined || !Array.isArray(type)) return v ?? null;
  const [kind, el] = type;
  if (kind === 'list' || kind === 'set') return v.map((x) => fillValue(name, el, x, ctx));
  if (kind === 'map')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fillValue(k, el, x, ctx)]));
  if (kind === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fillValue(k, el[k], x, ctx)]));
  }
  return v;
}
