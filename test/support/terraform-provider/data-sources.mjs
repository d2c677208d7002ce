// Data sources: a few answer like AWS would for this fake account; the others get fake values.
import { UNKNOWN } from './codec.mjs';
import { ACCOUNT_ID, arn, fillUnknowns, hash } from './fake-values.mjs';
import { renderPolicyDocument } from './policy-document.mjs';

/** @typedef {import('./schema.mjs').Block} Block */

/** @param {unknown} v @returns {boolean} whether a value holds an unknown anywhere */
export function hasUnknown(v) {
  if (v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(hasUnknown);
  if (v && typeof v === 'object') return Object.values(v).some(hasUnknown);
  return false;
}

/** @type {Record<string, (c: Record<string, any>, region: string) => Record<string, unknown>>} */
const KNOWN = {
  aws_caller_identity: () => ({
    account_id: ACCOUNT_ID,
    arn: `arn:aws:iam::${ACCOUNT_ID}:user/stand-in`,
    user_id: 'AIDASTANDINUSER00001',
    id: ACCOUNT_ID,
  }),
  aws_partition: () => ({
    partition: 'aws',
    dns_suffix: 'amazonaws.com',
    reverse_dns_prefix: 'com.amazonaws',
    id: 'aws',
  }),
  aws_region: (c, region) => {
    const r = c.region ?? c.name ?? region;
    return {
      name: r,
      region: r,
      id: r,
      endpoint: `ec2.${r}.amazonaws.com`,
      description: `Stand-in (${r})`,
    };
  },
  aws_availability_zones: (_c, region) => ({
    id: region,
    names: ['a', 'b', 'c'].map((z) => `${region}${z}`),
    zone_ids: ['1', '2', '3'].map((z) => `euw1-az${z}`),
    group_names: [region],
  }),
  aws_vpc: (c) => ({
    id: c.id ?? `vpc-${hash(JSON.stringify(c))}`,
    cidr_block: c.cidr_block ?? '10.0.0.0/16',
  }),
  aws_subnets: (c) => ({ ids: [0, 1].map((i) => `subnet-${hash(`${JSON.stringify(c)}/${i}`)}`) }),
  aws_subnet: (c) => ({ id: c.id ?? `subnet-${hash(JSON.stringify(c))}` }),
  aws_security_group: (c) => ({ id: c.id ?? `sg-${hash(JSON.stringify(c))}` }),
  aws_security_groups: (c) => ({ ids: [`sg-${hash(JSON.stringify(c))}`] }),
  aws_iam_policy_document: (c) => renderPolicyDocument(c),
  aws_iam_policy: (c, region) => {
    const name = c.name ?? 'stand-in-policy';
    const policyArn = c.arn ?? arn('iam', region, `policy/${name}`);
    return {
      arn: policyArn,
      id: policyArn,
      name,
      path: '/',
      policy: '{"Version":"2012-10-17","Statement":[]}',
    };
  },
  aws_iam_role: (c, region) => ({
    arn: arn('iam', region, `role/${c.name}`),
    id: c.name,
    path: '/',
    assume_role_policy: '{"Version":"2012-10-17","Statement":[]}',
  }),
  aws_ecr_repository: (c, region) => ({
    arn: arn('ecr', region, `repository/${c.name}`),
    id: c.name,
    registry_id: ACCOUNT_ID,
    repository_url: `${ACCOUNT_ID}.dkr.ecr.${region}.amazonaws.com/${c.name}`,
  }),
};

/**
 * @param {Block} block
 * @param {{ type: string, config: Record<string, any>, region: string }} req
 */
export function readDataSource(block, { type, config, region }) {
  /** @type {Record<string, any>} */
  const state = { ...config };
  for (const a of block.attributes) {
    if (a.computed && (state[a.name] === null || state[a.name] === undefined))
      state[a.name] = UNKNOWN;
  }
  if (hasUnknown(config)) return state;
  const known = KNOWN[type]?.(config, region) ?? {};
  for (const [k, v] of Object.entries(known)) {
    if (state[k] === UNKNOWN) state[k] = v;
  }
  return fillUnknowns(block, state, {
    type,
    region,
    seed: `${type}:${hash(JSON.stringify(config))}`,
    object: state,
  });
}
