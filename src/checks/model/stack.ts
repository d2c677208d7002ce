import { policyJson, readPolicyDocumentData, readPolicyJson, type Statement } from './policy';
import { policySize } from '../../aws/limits';
import { parseTemplate, referencedResource, wholeReference } from './template';
import { type PlanJson } from '../../review/plan-json';
import { planResources } from './plan';
import {
  blocks,
  containsUnknown,
  isRecord,
  isUnknown,
  stringAttribute,
  stringList,
  terraformResources,
  type Config,
  type TerraformResource,
} from './terraform';

/** A readable policy document and where it lives. */
export interface PolicySource {
  /** The resource that holds the policy: findings are reported at this address. */
  readonly address: string;
  /** Which policy of the resource, for messages: `policy`, `assume_role_policy`, `inline_policy[0]`. */
  readonly label: string;
  /** Identity policies grant permissions; trust policies say who may assume a role. */
  readonly kind: 'identity' | 'trust';
  readonly statements: readonly Statement[];
  /** Addresses of the roles the policy applies to (none for a policy attached to nothing known). */
  readonly roles: readonly string[];
  /** IAM's size of the document (characters without whitespace), once Terraform evaluates it (see {@link policySize}). */
  readonly size: number;
}

/** A policy the checks could not read, with the reason. */
export interface UnreadablePolicy {
  readonly address: string;
  readonly label: string;
  readonly problem: string;
}

/** What a role-policy attachment attaches. */
export type AttachedPolicy =
  | { readonly kind: 'customer'; readonly address: string }
  | { readonly kind: 'aws-managed'; readonly name: string; readonly arn: string }
  | { readonly kind: 'unknown'; readonly arn: string };

/** A managed policy attached to a role. */
export interface Attachment {
  /** The resource that attaches it (an attachment resource or the role itself). */
  readonly address: string;
  /** The role's address, when the attachment names a role of this stack. */
  readonly role?: string;
  readonly policy: AttachedPolicy;
}

const IDENTITY_POLICY_TYPES = [
  'aws_iam_role_policy',
  'aws_iam_user_policy',
  'aws_iam_group_policy',
];

/**
 * What the checks know about one synthesized stack: its resources, every IAM policy (with the
 * roles it applies to), managed policy attachments and whether the stack is production.
 */
export class StackModel {
  readonly resources: readonly TerraformResource[];
  readonly policies: PolicySource[] = [];
  readonly unreadable: UnreadablePolicy[] = [];
  readonly attachments: Attachment[] = [];
  /** True when an AWS provider's `default_tags` say `environment` is `prod` or `production`. */
  readonly production: boolean;
  private readonly byAddress: Map<string, TerraformResource>;

  /**
   * The model of a synthesized stack (`cdk.tf.json`); `from` gives the resources instead when
   * they come from elsewhere (see {@link StackModel.fromPlan}).
   */
  constructor(
    readonly name: string,
    readonly json: Config,
    from?: { readonly resources: readonly TerraformResource[]; readonly production: boolean },
  ) {
    this.resources = from?.resources ?? terraformResources(json);
    this.byAddress = new Map(this.resources.map((r) => [r.address, r]));
    this.production = from?.production ?? isProductionStack(json);
    this.collectAttachments();
    this.collectPolicies();
  }

  /**
   * The model of a `terraform show -json` plan: every resource of every module with its
   * evaluated values (`jsonencode` and references resolved); values unknown until apply are
   * {@link UnknownValue}s, which the rules report as unreadable.
   */
  static fromPlan(name: string, plan: PlanJson): StackModel {
    return new StackModel(name, {}, planResources(plan));
  }

  /** Resources (not data sources) of one type. */
  ofType(type: string): TerraformResource[] {
    return this.resources.filter((r) => r.mode === 'resource' && r.type === type);
  }

  /** A resource or data source by address. */
  get(address: string): TerraformResource | undefined {
    return this.byAddress.get(address);
  }

  /** The identity policies that apply to a role. */
  identityPoliciesOf(roleAddress: string): PolicySource[] {
    return this.policies.filter((p) => p.kind === 'identity' && p.roles.includes(roleAddress));
  }

  /**
   * The address of the role a `role` argument names: a reference to an `aws_iam_role`, or the
   * literal name of one.
   */
  resolveRole(value: unknown): string | undefined {
    if (typeof value !== 'string') return undefined;
    const reference = wholeReference(value);
    if (reference) {
      const target = referencedResource(reference);
      return target?.type === 'aws_iam_role' && this.byAddress.has(target.address)
        ? target.address
        : undefined;
    }
    return this.ofType('aws_iam_role').find((role) => role.config.name === value)?.address;
  }

  private collectAttachments(): void {
    const add = (address: string, roleValue: unknown, arn: unknown) => {
      if (typeof arn !== 'string') return;
      const role = this.resolveRole(roleValue);
      this.attachments.push({ address, ...(role && { role }), policy: this.attachedPolicy(arn) });
    };
    for (const r of this.ofType('aws_iam_role_policy_attachment')) {
      add(r.address, r.config.role, r.config.policy_arn);
    }
    for (const r of this.ofType('aws_iam_policy_attachment')) {
      for (const role of stringList(r.config.roles)) add(r.address, role, r.config.policy_arn);
    }
    for (const r of this.ofType('aws_iam_role_policy_attachments_exclusive')) {
      for (const arn of stringList(r.config.policy_arns)) add(r.address, r.config.role_name, arn);
    }
    for (const role of this.ofType('aws_iam_role')) {
      for (const arn of stringList(role.config.managed_policy_arns)) {
        this.attachments.push({
          address: role.address,
          role: role.address,
          policy: this.attachedPolicy(arn),
        });
      }
    }
  }

  private attachedPolicy(arn: string): AttachedPolicy {
    const reference = wholeReference(arn);
    const target = reference ? referencedResource(reference) : undefined;
    const resource = target && this.byAddress.get(target.address);
    if (resource?.type === 'aws_iam_policy' && resource.mode === 'resource') {
      return { kind: 'customer', address: resource.address };
    }
    // data.aws_iam_policy looked up by ARN: judge the ARN it names.
    const dataArn =
      resource?.type === 'aws_iam_policy' ? stringAttribute(resource.config, 'arn') : undefined;
    const text = dataArn ?? arn;
    const literal = parseTemplate(text)
      .map((part) => (part.kind === 'literal' ? part.text : '{ref}'))
      .join('');
    const managed = /^arn:[^:]*:iam::aws:policy\/(.+)$/.exec(literal);
    return managed
      ? { kind: 'aws-managed', name: managed[1], arn: text }
      : { kind: 'unknown', arn: text };
  }

  private collectPolicies(): void {
    for (const role of this.ofType('aws_iam_role')) {
      this.addPolicy(
        role.address,
        'assume_role_policy',
        'trust',
        role.config.assume_role_policy,
        [],
      );
      blocks(role.config.inline_policy).forEach((block, index) => {
        if (block.policy === undefined) return;
        this.addPolicy(role.address, `inline_policy[${index}]`, 'identity', block.policy, [
          role.address,
        ]);
      });
    }
    for (const type of IDENTITY_POLICY_TYPES) {
      for (const r of this.ofType(type)) {
        const role = type === 'aws_iam_role_policy' ? this.resolveRole(r.config.role) : undefined;
        this.addPolicy(r.address, 'policy', 'identity', r.config.policy, role ? [role] : []);
      }
    }
    for (const r of this.ofType('aws_iam_policy')) {
      const roles = this.attachments
        .filter((a) => a.policy.kind === 'customer' && a.policy.address === r.address && a.role)
        .map((a) => a.role as string);
      this.addPolicy(r.address, 'policy', 'identity', r.config.policy, [...new Set(roles)]);
    }
  }

  private addPolicy(
    address: string,
    label: string,
    kind: PolicySource['kind'],
    value: unknown,
    roles: string[],
  ): void {
    if (value === undefined) return;
    const reading = this.readPolicy(value);
    if ('problem' in reading) {
      this.unreadable.push({ address, label, problem: reading.problem });
      return;
    }
    this.policies.push({
      address,
      label: reading.label ?? label,
      kind,
      statements: reading.statements,
      roles,
      // A data source's document is measured as IAM JSON rendered from its statements.
      size: policySize(
        reading.label === undefined && typeof value === 'string'
          ? value
          : JSON.stringify(policyJson(reading.statements)),
      ),
    });
  }

  private readPolicy(
    value: unknown,
  ): { statements: Statement[]; label?: string } | { problem: string } {
    if (isUnknown(value)) return { problem: 'is unknown until apply (after_unknown in the plan)' };
    if (typeof value !== 'string') return { problem: 'is not a JSON string' };
    const reference = wholeReference(value);
    if (reference === undefined) return readPolicyJson(value);
    const target = referencedResource(reference);
    const source = target && this.byAddress.get(target.address);
    if (
      source?.type === 'aws_iam_policy_document' &&
      source.mode === 'data' &&
      (target?.attribute === 'json' || target?.attribute === 'minified_json')
    ) {
      if (containsUnknown(source.config)) {
        return {
          problem: `${source.address} has values unknown until apply (after_unknown in the plan)`,
        };
      }
      const reading = readPolicyDocumentData(source.config);
      return 'problem' in reading
        ? { problem: `${source.address} ${reading.problem}` }
        : { statements: reading.statements, label: `policy (${source.address})` };
    }
    const shown = reference.length > 80 ? `${reference.slice(0, 77)}...` : reference;
    return {
      problem: `is the Terraform expression "\${${shown}}", which the checks cannot evaluate`,
    };
  }
}

const PRODUCTION = new Set(['prod', 'production']);

/** A stack is production when an AWS provider's default tags have `environment` (any case) = `prod`/`production`. */
function isProductionStack(json: Config): boolean {
  const providers = isRecord(json.provider) ? blocks(json.provider.aws) : [];
  return providers.some((provider) =>
    blocks(provider.default_tags).some((defaults) =>
      Object.entries(isRecord(defaults.tags) ? defaults.tags : {}).some(
        ([key, value]) =>
          key.toLowerCase() === 'environment' &&
          typeof value === 'string' &&
          PRODUCTION.has(value.toLowerCase()),
      ),
    ),
  );
}
