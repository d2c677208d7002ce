import {
  Aspects,
  DefaultTokenResolver,
  StringConcat,
  TerraformStack,
  Token,
  Tokenization,
} from 'cdktf';
import { Construct, type IConstruct } from 'constructs';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { ArnKinds, checkArn, checkArns, checkGrantTarget, parseArn } from '../aws/arn';
import { AwsContext } from '../aws/context';
import { AwsLimits, formatCount, policySize } from '../aws/limits';
import { hasWildcard, ROLE_PATH } from '../aws/patterns';
import { Problems, ValidationError } from '../errors';
import { checkRoleName } from '../naming';
import { checkTags } from '../tags';
import { PolicyDocument, statementToJson } from './document';
import { documentSize, packStatements } from './split';
import { checkGuardedActions } from './validate';
import { Grant, type IGrantable, type IPrincipal } from './grant';
import { type CanonicalStatement, type PolicyStatement } from './statement';
import { serviceTrustStatement, type TrustedService } from './trust';

/** Role settings shared by every role the modules create. */
export interface RoleOptions {
  /**
   * IAM path of the role: `/` or `/<segments>/`.
   *
   * @default '/'
   */
  readonly path?: string;
  /**
   * ARN of a managed policy used as the role's permissions boundary.
   *
   * @default - no permissions boundary
   */
  readonly permissionsBoundaryArn?: string;
  /**
   * Maximum session duration in seconds, 3600 to 43200.
   *
   * @default 3600
   */
  readonly maxSessionDurationSeconds?: number;
  /**
   * Description of the role, up to 1000 characters.
   *
   * @default - a description saying what the role is for
   */
  readonly description?: string;
  /**
   * Tags for the role, in addition to the provider's default tags.
   *
   * @default - none
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/** Properties of a {@link ServiceRole}. */
export interface ServiceRoleProps extends RoleOptions {
  /** Name of the role: 1 to 64 characters of letters, digits and `+=,.@_-`. */
  readonly roleName: string;
  /** The AWS service that assumes the role; the trust policy carries the confused-deputy conditions. */
  readonly assumedBy: TrustedService;
  /**
   * The one resource of the service the role serves, narrowing `aws:SourceArn` from
   * `arn:<partition>:<service>:<region>:<account>:*` to that resource.
   *
   * @default '*' (any resource of the service in this account and region)
   */
  readonly assumedForResource?: string;
  /**
   * Name of the role's own policy (an `aws_iam_role_policy`), created when the first
   * statement is added.
   *
   * @default 'permissions'
   */
  readonly policyName?: string;
  /**
   * Managed policies to attach, by ARN.
   *
   * @default - none
   */
  readonly managedPolicyArns?: readonly string[];
}

const MIN_SESSION_SECONDS = 3600;
const MAX_SESSION_SECONDS = 43200;

/** Records a problem for every invalid {@link RoleOptions} property. */
export function checkRoleOptions(problems: Problems, options: RoleOptions): void {
  const { path, maxSessionDurationSeconds: seconds, description } = options;
  if (path !== undefined && !Token.isUnresolved(path)) {
    problems.check(ROLE_PATH.pattern.test(path), {
      property: 'path',
      received: path,
      ...(hasWildcard(path) && {
        reason: 'contains a wildcard, which would make the role ARN a pattern',
      }),
      allowed: ROLE_PATH.allowed,
    });
  }
  checkArn(problems, 'permissionsBoundaryArn', options.permissionsBoundaryArn, ArnKinds.iamPolicy);
  if (seconds !== undefined && !Token.isUnresolved(seconds)) {
    problems.check(
      Number.isInteger(seconds) && seconds >= MIN_SESSION_SECONDS && seconds <= MAX_SESSION_SECONDS,
      {
        property: 'maxSessionDurationSeconds',
        received: seconds,
        allowed: `a whole number of seconds from ${MIN_SESSION_SECONDS} to ${MAX_SESSION_SECONDS}`,
      },
    );
  }
  if (description !== undefined && !Token.isUnresolved(description)) {
    problems.check(description.length <= 1000, {
      property: 'description',
      received: description,
      reason: `is ${description.length} characters long`,
      allowed: 'at most 1000 characters',
    });
  }
  checkTags(problems, 'tags', options.tags);
}

/**
 * An IAM role assumed by an AWS service, trusting it only with the confused-deputy
 * conditions. Its permissions are a policy document rendered as a standalone
 * `aws_iam_role_policy` (never an `inline_policy` block), created on the first statement, and
 * any managed policy attachments.
 *
 * When the document outgrows IAM's inline budget for a role (10,240 characters), its statements
 * are packed at synth into the role policy and customer managed policies (`aws_iam_policy` of up
 * to 6,144 characters, attached to the role) up to the role's managed-policy quota; a statement
 * too large for one document is split by its resources. Nothing is ever widened: beyond the
 * quota, synth fails with a clear error.
 */
export class ServiceRole extends Construct implements IPrincipal, IGrantable {
  /** The `aws_iam_role`. */
  readonly resource: IamRole;
  /** The role's name as given. */
  readonly roleName: string;
  /** The role ARN as a reference to the role resource (creates a dependency on it). */
  readonly roleArn: string;
  /**
   * The role ARN built from its name, path, account and partition. Use it inside policies: a
   * plan shows it in full, where the resource attribute is "(known after apply)".
   */
  readonly arnForPolicies: string;
  /** The role's own policy document. */
  readonly policyDocument = new PolicyDocument();
  readonly grantPrincipal: IPrincipal = this;

  private readonly policyName: string;
  private readonly props: ServiceRoleProps;
  private rolePolicy?: IamRolePolicy;
  private managedPolicyCount = 0;
  private fitted = false;

  constructor(scope: Construct, id: string, props: ServiceRoleProps) {
    super(scope, id);
    const problems = new Problems();
    checkRoleName(problems, 'roleName', props.roleName);
    checkRoleOptions(problems, props);
    checkArns(problems, 'managedPolicyArns', props.managedPolicyArns, ArnKinds.iamPolicy);
    problems.throwIfAny(this.node.path);

    const context = AwsContext.of(this);
    const path = props.path ?? '/';
    this.roleName = props.roleName;
    this.props = props;
    this.policyName = props.policyName ?? 'permissions';
    this.resource = new IamRole(this, 'Resource', {
      name: props.roleName,
      path,
      description: props.description,
      assumeRolePolicy: new PolicyDocument([
        serviceTrustStatement(context, props.assumedBy, props.assumedForResource),
      ]).toJsonString(),
      permissionsBoundary: props.permissionsBoundaryArn,
      maxSessionDuration: props.maxSessionDurationSeconds,
      tags: props.tags,
    });
    this.roleArn = this.resource.arn;
    this.arnForPolicies = context.arn('iam', `role${path}${props.roleName}`, { global: true });
    for (const arn of props.managedPolicyArns ?? []) this.addManagedPolicy(arn);
    // At synth, once every grant is in: keep the policies inside IAM's size limits.
    Aspects.of(this).add({
      visit: (node: IConstruct) => {
        if (node === this) this.fitToLimits();
      },
    });
  }

  /** Adds a statement to the role's own policy. */
  addToPrincipalPolicy(statement: PolicyStatement): void {
    Problems.validate(this.node.path, (problems) =>
      checkGuardedActions(problems, 'addToPrincipalPolicy(statement)', statement),
    );
    this.policyDocument.addStatements(statement);
    this.ensurePolicy();
  }

  /**
   * Adds statements computed at synth time, from state that grants build up after this call.
   * The producer must return at least one statement.
   */
  addStatementsProducer(producer: () => readonly PolicyStatement[]): void {
    this.policyDocument.addProducer(producer);
    this.ensurePolicy();
  }

  /**
   * Adds statements Terraform computes (see {@link PolicyDocument.addStatementsExpression}).
   */
  addStatementsExpression(statements: readonly string[]): void {
    this.policyDocument.addStatementsExpression(statements);
    this.ensurePolicy();
  }

  /**
   * Grants `grantee` `iam:PassRole` of exactly this role, and only to the service that assumes
   * it (`iam:PassedToService`): what a principal needs to hand the role to that service (e.g.
   * RunTask handing a task its roles). Never a pattern: the ARN is built from the role's name
   * and path, which may hold no wildcard.
   */
  grantPassRole(grantee: IGrantable): Grant {
    Problems.validate(`${this.node.path} (grantPassRole)`, (problems) =>
      checkGrantTarget(problems, 'arnForPolicies', this.arnForPolicies, ArnKinds.iamRole),
    );
    return Grant.addToPrincipal(grantee, {
      sid: 'PassRole',
      actions: ['iam:PassRole'],
      resources: [this.arnForPolicies],
      conditions: { StringEquals: { 'iam:PassedToService': this.props.assumedBy.principal } },
    });
  }

  /** The role's own policy (`aws_iam_role_policy`), once a statement has been added. */
  get policy(): IamRolePolicy | undefined {
    return this.rolePolicy;
  }

  /**
   * Attaches a managed policy. The attachment's construct id comes from the policy name
   * (`ManagedPolicy-ReadOnlyAccess`), so its Terraform address does not change when other
   * attachments are added or removed; pass `id` when the ARN is a Terraform expression.
   */
  addManagedPolicy(policyArn: string, id?: string): IamRolePolicyAttachment {
    Problems.validate(this.node.path, (problems) =>
      checkArn(problems, 'addManagedPolicy(policyArn)', policyArn, ArnKinds.iamPolicy),
    );
    const name = id ?? managedPolicyName(policyArn);
    if (!name) {
      throw new Error(
        `${this.node.path}: addManagedPolicy needs an id for the policy ARN expression ${policyArn}`,
      );
    }
    this.managedPolicyCount += 1;
    return new IamRolePolicyAttachment(this, `ManagedPolicy-${name}`, {
      role: this.resource.name,
      policyArn,
    });
  }

  /**
   * Packs the statements into the role policy and customer managed policies when they outgrow
   * the role's inline budget (see the class documentation). Runs once, at synth.
   */
  private fitToLimits(): void {
    if (this.fitted || !this.rolePolicy) return;
    this.fitted = true;
    const statements = this.policyDocument.statements;
    if (this.policyDocument.computedByTerraform(statements)) return;
    const size = statementSizer(this);
    if (documentSize(statements, size) <= AwsLimits.roleInlinePolicyCharacters) return;
    const free = AwsLimits.managedPoliciesPerRole - this.managedPolicyCount;
    const documents = packStatements(statements, size, {
      first: AwsLimits.roleInlinePolicyCharacters,
      rest: AwsLimits.managedPolicyCharacters,
      maxRest: free,
    });
    if (!documents) {
      const total = documentSize(statements, size);
      throw new ValidationError(this.node.path, [
        {
          property: 'permissions',
          received: `${statements.length} statements, about ${formatCount(total)} characters`,
          reason: `do not fit IAM's limits for one role`,
          allowed: `what the role policy (${formatCount(AwsLimits.roleInlinePolicyCharacters)} characters) and the ${free} managed policies the role may still attach (${AwsLimits.managedPoliciesPerRole} per role, ${formatCount(AwsLimits.managedPolicyCharacters)} characters each) can hold: share the work among more roles (e.g. per-task execution roles, several runners)`,
        },
      ]);
    }
    this.rolePolicy.policy = new PolicyDocument(documents[0]).toJsonString();
    documents.slice(1).forEach((statementsOfPolicy, index) => {
      const n = index + 2;
      const policy = new IamPolicy(this, `Policy${n}`, {
        name: `${this.roleName}-${this.policyName}-${n}`,
        path: this.props.path ?? '/',
        description: `Permissions of the role ${this.roleName} beyond its inline policy's size limit (part ${n})`,
        policy: new PolicyDocument(statementsOfPolicy).toJsonString(),
        tags: this.props.tags,
      });
      new IamRolePolicyAttachment(this, `Policy${n}Attachment`, {
        role: this.resource.name,
        policyArn: policy.arn,
      });
    });
  }

  private ensurePolicy(): void {
    this.rolePolicy ??= new IamRolePolicy(this, 'Policy', {
      name: this.policyName,
      role: this.resource.name,
      policy: this.policyDocument.toJsonString(),
    });
  }
}

/**
 * Measures statements as IAM will count them once Terraform evaluates them: each cdktf token is
 * resolved once (the account, region and partition count at their longest, see {@link policySize}).
 */
function statementSizer(scope: Construct): (statement: CanonicalStatement) => number {
  const stack = TerraformStack.of(scope);
  let tokens = TOKEN_SIZES.get(stack);
  if (!tokens) {
    tokens = new Map<string, number>();
    TOKEN_SIZES.set(stack, tokens);
  }
  const known = tokens;
  const options = { scope: stack, resolver: new DefaultTokenResolver(new StringConcat()) };
  const tokenSize = (token: string): number => {
    let size = known.get(token);
    if (size === undefined) {
      const resolved: unknown = Tokenization.resolve(token, options);
      size = policySize(typeof resolved === 'string' ? resolved : JSON.stringify(resolved));
      known.set(token, size);
    }
    return size;
  };
  return (statement) => {
    let total = 0;
    const rest = JSON.stringify(statementToJson(statement)).replace(
      /\$\{TfToken\[[^\]]+\]\}/g,
      (token) => {
        total += tokenSize(token);
        return '';
      },
    );
    return total + policySize(rest);
  };
}

/** The evaluated size of each token, per stack: the account, region and partition tokens are shared by every role. */
const TOKEN_SIZES = new WeakMap<TerraformStack, Map<string, number>>();

function managedPolicyName(policyArn: string): string | undefined {
  if (Token.isUnresolved(policyArn)) return undefined;
  return parseArn(policyArn)?.resource.split('/').pop();
}
