import { TerraformStack } from 'cdktf';
import { Construct, type IConstruct } from 'constructs';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { formatArn } from './arn';

const CONTEXT_ID = 'AwsContext';

/**
 * The account, region and partition of the stack, read by data sources that Terraform
 * resolves during plan. ARNs built from them and a literal name are known at plan time, so
 * `terraform plan` prints every policy in full instead of "(known after apply)".
 *
 * One per stack: `AwsContext.of(scope)` creates it on first use. Its data sources have the
 * conventional addresses `data.aws_caller_identity.current`, `data.aws_partition.current` and
 * `data.aws_region.current`.
 */
export class AwsContext extends Construct {
  /** The stack's context, created on first use. */
  static of(scope: IConstruct): AwsContext {
    const stack = TerraformStack.of(scope);
    const existing = stack.node.tryFindChild(CONTEXT_ID);
    return existing instanceof AwsContext ? existing : new AwsContext(stack, CONTEXT_ID);
  }

  /** The 12-digit account ID (a token). */
  readonly accountId: string;
  /** The region name, e.g. `eu-west-1` (a token). */
  readonly region: string;
  /** The partition: `aws`, `aws-cn`, `aws-us-gov` … (a token). */
  readonly partition: string;
  /** The partition's DNS suffix: `amazonaws.com`, `amazonaws.com.cn` … (a token). */
  readonly dnsSuffix: string;

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    const identity = new DataAwsCallerIdentity(this, 'caller_identity');
    const partition = new DataAwsPartition(this, 'partition');
    const region = new DataAwsRegion(this, 'region');
    for (const source of [identity, partition, region]) source.overrideLogicalId('current');
    this.accountId = identity.accountId;
    this.partition = partition.partition;
    this.dnsSuffix = partition.dnsSuffix;
    this.region = region.region;
  }

  /** An ARN in this account and region: `arn:<partition>:<service>:<region>:<account>:<resource>`. */
  arn(service: string, resource: string, options: { global?: boolean } = {}): string {
    return formatArn({
      partition: this.partition,
      service,
      region: options.global ? '' : this.region,
      account: this.accountId,
      resource,
    });
  }

  /** The ARN of an AWS managed policy: `arn:<partition>:iam::aws:policy/<pathAndName>`. */
  awsManagedPolicyArn(pathAndName: string): string {
    return formatArn({
      partition: this.partition,
      service: 'iam',
      region: '',
      account: 'aws',
      resource: `policy/${pathAndName}`,
    });
  }

  /** A regional service endpoint host, e.g. `secretsmanager.eu-west-1.amazonaws.com`. */
  serviceHost(service: string): string {
    return `${service}.${this.region}.${this.dnsSuffix}`;
  }
}
