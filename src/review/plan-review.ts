import { compareStrings } from '../iam/statement';
import { isMarked, SENSITIVE, type AttributeChange } from './attribute-diff';
import { diffIam, type RoleChange } from './iam-diff';
import { buildIamModel } from './iam-model';
import { type PlanJson, type PlanResourceChange, type PlanValueChange } from './plan-json';
import { assessRisks, type Risk } from './risks';
import { resourceAttributeChanges } from './synth-diff';
import { type ResourceInstance } from './terraform-json';

/** What Terraform will do to a resource, one word per plan action list. */
export const PLAN_ACTIONS = [
  'replace',
  'delete',
  'update',
  'create',
  'read',
  'forget',
  'no-op',
] as const;

export type PlanAction = (typeof PLAN_ACTIONS)[number];

/** One resource's planned change. */
export interface PlannedChange {
  /** The resource address, with ` (deposed <key>)` for a deposed object. */
  readonly address: string;
  readonly action: PlanAction;
  /** Where the resource was before a `moved` block moved it. */
  readonly previousAddress?: string;
  /** Why Terraform replaces, deletes or reads it, in words. */
  readonly reason?: string;
  /** What changes, for updates and replacements; sensitive values shown as `(sensitive)`. */
  readonly attributes: readonly AttributeChange[];
  readonly importing: boolean;
}

/** A planned change of an output; its value is never shown. */
export interface PlannedOutput {
  readonly name: string;
  readonly action: PlanAction;
  readonly sensitive: boolean;
}

/** The review of one stack's plan. */
export interface PlanReview {
  readonly stack: string;
  readonly terraformVersion?: string;
  readonly errored: boolean;
  /** How many resources each action affects (no-op included). */
  readonly counts: Readonly<Record<PlanAction, number>>;
  /** Every change but no-ops that did not move, replacements and deletions first. */
  readonly changes: readonly PlannedChange[];
  readonly outputs: readonly PlannedOutput[];
  readonly iam: readonly RoleChange[];
  readonly risks: readonly Risk[];
}

const REASONS: Readonly<Record<string, string>> = {
  replace_because_tainted: 'tainted',
  replace_because_cannot_update: 'cannot be updated in place',
  replace_by_request: 'replacement requested (-replace)',
  replace_by_triggers: 'replace_triggered_by',
  delete_because_no_resource_config: 'no longer in the configuration',
  delete_because_no_module: 'its module is no longer in the configuration',
  delete_because_wrong_repetition: 'count/for_each changed',
  delete_because_count_index: 'index beyond count',
  delete_because_each_key: 'key no longer in for_each',
  delete_because_no_move_target: 'moved to an address that does not exist',
  read_because_config_unknown: 'configuration known only after apply',
  read_because_dependency_pending: 'a dependency has pending changes',
  read_because_check_nested: 'a check block reads it',
};

/** Reviews a `terraform show -json` plan: counts, changes, outputs and IAM changes. */
export function reviewPlan(stack: string, plan: PlanJson): PlanReview {
  const resourceChanges = plan.resource_changes ?? [];
  const counts = Object.fromEntries(PLAN_ACTIONS.map((a) => [a, 0])) as Record<PlanAction, number>;
  const changes: PlannedChange[] = [];
  for (const rc of resourceChanges) {
    const action = planAction(rc.change.actions);
    counts[action] += 1;
    const moved = rc.previous_address !== undefined && rc.previous_address !== rc.address;
    if (action === 'no-op' && !moved) continue;
    changes.push(plannedChange(rc, action, moved));
  }
  changes.sort(
    (a, b) =>
      PLAN_ACTIONS.indexOf(a.action) - PLAN_ACTIONS.indexOf(b.action) ||
      compareStrings(a.address, b.address),
  );
  const managed = resourceChanges.filter((rc) => rc.mode === 'managed' && rc.deposed === undefined);
  const side = (key: 'before' | 'after'): ResourceInstance[] =>
    managed.flatMap((rc) => {
      const values = redact(rc.change[key], rc.change[`${key}_sensitive`]);
      return isRecord(values) ? [{ address: rc.address, type: rc.type, values }] : [];
    });
  const iam = diffIam(buildIamModel(side('before')), buildIamModel(side('after')));
  return {
    stack,
    terraformVersion: plan.terraform_version,
    errored: plan.errored === true,
    counts,
    changes,
    outputs: plannedOutputs(plan),
    iam,
    risks: assessRisks(iam),
  };
}

/** The one word for a plan's action list: `["delete","create"]` is a replacement. */
export function planAction(actions: readonly string[]): PlanAction {
  if (actions.includes('delete') && actions.includes('create')) return 'replace';
  const action = actions[0] as PlanAction;
  return PLAN_ACTIONS.includes(action) ? action : 'update';
}

function plannedChange(rc: PlanResourceChange, action: PlanAction, moved: boolean): PlannedChange {
  const { change } = rc;
  const replacePaths = (change.replace_paths ?? []).map(formatPath);
  const reasons = [
    ...(rc.action_reason ? [REASONS[rc.action_reason] ?? rc.action_reason] : []),
    ...(replacePaths.length > 0
      ? [`forced by ${replacePaths.map((p) => `\`${p}\``).join(', ')}`]
      : []),
  ];
  const showsAttributes = action === 'update' || action === 'replace';
  return {
    address: rc.deposed ? `${rc.address} (deposed ${rc.deposed})` : rc.address,
    action,
    ...(moved && { previousAddress: rc.previous_address }),
    ...(reasons.length > 0 && { reason: reasons.join('; ') }),
    attributes: showsAttributes
      ? resourceAttributeChanges(rc.type, change.before, change.after, {
          beforeSensitive: change.before_sensitive,
          afterSensitive: change.after_sensitive,
          afterUnknown: change.after_unknown,
        })
      : [],
    importing: change.importing !== undefined && change.importing !== null,
  };
}

function plannedOutputs(plan: PlanJson): PlannedOutput[] {
  return Object.entries(plan.output_changes ?? {})
    .map(([name, change]: [string, PlanValueChange]) => ({
      name,
      action: planAction(change.actions),
      sensitive:
        isMarked(change.before_sensitive) ||
        isMarked(change.after_sensitive) ||
        plan.planned_values?.outputs?.[name]?.sensitive === true ||
        plan.configuration?.root_module?.outputs?.[name]?.sensitive === true,
    }))
    .filter((o) => o.action !== 'no-op')
    .sort((a, b) => compareStrings(a.name, b.name));
}

/** A copy of a value with every part its mask marks sensitive replaced by `(sensitive)`. */
export function redact(value: unknown, mask: unknown): unknown {
  if (mask === true) return value === undefined || value === null ? value : SENSITIVE;
  if (typeof mask !== 'object' || mask === null || typeof value !== 'object' || value === null) {
    return value;
  }
  if (Array.isArray(value)) return value.map((v, i) => redact(v, (mask as unknown[])[i]));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, redact(v, (mask as Record<string, unknown>)[k])]),
  );
}

function formatPath(path: ReadonlyArray<string | number>): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join('');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
