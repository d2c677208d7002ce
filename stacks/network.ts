import { type Construct } from 'constructs';
import { DataAwsSubnets } from '@cdktf/provider-aws/lib/data-aws-subnets';
import { DataAwsVpc } from '@cdktf/provider-aws/lib/data-aws-vpc';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { type NetworkSettings } from './environments/schema';

/** The subnets and security groups the tasks run in. */
export interface TaskNetwork {
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
  readonly assignPublicIp: boolean;
}

/**
 * Resolves the environment's network: the default VPC's default subnets (looked up during
 * plan), or the given subnets; and an egress-only security group for the tasks when none is
 * given (tasks start outbound connections only — to ECR, CloudWatch Logs and the services the
 * application calls — and accept none).
 */
export function taskNetwork(
  scope: Construct,
  settings: NetworkSettings,
  securityGroupName: string,
): TaskNetwork {
  const lookedUp = settings.type === 'default-vpc' ? defaultVpc(scope) : undefined;
  const vpcId = lookedUp?.vpcId ?? (settings.type === 'subnets' ? settings.vpcId : '');
  const given = settings.type === 'subnets' ? settings.securityGroupIds : undefined;
  return {
    subnetIds: lookedUp?.subnetIds ?? (settings.type === 'subnets' ? settings.subnetIds : []),
    securityGroupIds:
      given && given.length > 0
        ? given
        : [egressOnlySecurityGroup(scope, vpcId, securityGroupName)],
    // Default subnets are public: without a NAT gateway a task needs a public IP to pull its image.
    assignPublicIp: settings.type === 'default-vpc' ? true : (settings.assignPublicIp ?? false),
  };
}

function defaultVpc(scope: Construct) {
  const vpc = new DataAwsVpc(scope, 'default_vpc', { default: true });
  const subnets = new DataAwsSubnets(scope, 'default_subnets', {
    filter: [
      { name: 'vpc-id', values: [vpc.id] },
      { name: 'default-for-az', values: ['true'] },
    ],
  });
  return { vpcId: vpc.id, subnetIds: subnets.ids };
}

function egressOnlySecurityGroup(scope: Construct, vpcId: string, name: string): string {
  const group = new SecurityGroup(scope, 'task_security_group', {
    name,
    description: 'Fargate tasks: outbound only, no inbound',
    vpcId,
  });
  new VpcSecurityGroupEgressRule(scope, 'task_egress_ipv4', {
    securityGroupId: group.id,
    description: 'All outbound IPv4',
    ipProtocol: '-1',
    cidrIpv4: '0.0.0.0/0',
  });
  new VpcSecurityGroupEgressRule(scope, 'task_egress_ipv6', {
    securityGroupId: group.id,
    description: 'All outbound IPv6',
    ipProtocol: '-1',
    cidrIpv6: '::/0',
  });
  return group.id;
}
