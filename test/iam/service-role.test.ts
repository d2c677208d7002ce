import { TerraformOutput } from 'cdktf';
import { ServiceRole } from '../../src/iam/service-role';
import { TrustedServices } from '../../src/iam/trust';
import { Grant } from '../../src/iam/grant';
import { ACCOUNT, newStack, REGION, roleNamed, synth } from '../support/synth';

describe('ServiceRole', () => {
  test('a role without statements has no policy resource', () => {
    const stack = newStack();
    new ServiceRole(stack, 'role', { roleName: 'bare', assumedBy: TrustedServices.lambda });
    const json = synth(stack);
    expect(json.resource).not.toHaveProperty('aws_iam_role_policy');
    expect(roleNamed(json, 'bare').policies).toEqual([]);
  });

  test('Lambda trust has aws:SourceAccount only: Lambda sends no aws:SourceArn for its role', () => {
    const stack = newStack();
    new ServiceRole(stack, 'role', { roleName: 'fn', assumedBy: TrustedServices.lambda });
    expect(roleNamed(synth(stack), 'fn').trust.Statement).toEqual([
      {
        Sid: 'AssumeByLambda',
        Effect: 'Allow',
        Principal: { Service: ['lambda.amazonaws.com'] },
        Action: ['sts:AssumeRole'],
        Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
      },
    ]);
  });

  test('Scheduler trust has both conditions', () => {
    const stack = newStack();
    new ServiceRole(stack, 'role', { roleName: 'sched', assumedBy: TrustedServices.scheduler });
    expect(roleNamed(synth(stack), 'sched').trust.Statement[0].Condition).toEqual({
      ArnLike: { 'aws:SourceArn': `arn:aws:scheduler:${REGION}:${ACCOUNT}:*` },
      StringEquals: { 'aws:SourceAccount': ACCOUNT },
    });
  });

  test('grants add to one standalone policy named as asked', () => {
    const stack = newStack();
    const role = new ServiceRole(stack, 'role', {
      roleName: 'r',
      assumedBy: TrustedServices.ecsTasks,
      policyName: 'app',
    });
    const grant = Grant.addToPrincipal(role, {
      sid: 'Publish',
      actions: ['sns:Publish'],
      resources: ['arn:aws:sns:eu-west-1:123456789012:t'],
    });
    Grant.addToPrincipal(role, {
      sid: 'Publish',
      actions: ['sns:Publish'],
      resources: ['arn:aws:sns:eu-west-1:123456789012:u'],
    });
    expect(grant.principal).toBe(role);
    const json = synth(stack);
    expect(Object.keys(json.resource!.aws_iam_role_policy)).toHaveLength(1);
    expect(roleNamed(json, 'r').policies).toEqual([
      {
        name: 'app',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'Publish',
              Effect: 'Allow',
              Action: ['sns:Publish'],
              Resource: [
                'arn:aws:sns:eu-west-1:123456789012:t',
                'arn:aws:sns:eu-west-1:123456789012:u',
              ],
            },
          ],
        },
      },
    ]);
  });

  test('arnForPolicies is built from path and name; roleArn references the resource', () => {
    const stack = newStack();
    const role = new ServiceRole(stack, 'role', {
      roleName: 'r',
      path: '/ecs/',
      assumedBy: TrustedServices.ecsTasks,
    });
    new ServiceRole(stack, 'other', {
      roleName: 'o',
      assumedBy: TrustedServices.lambda,
    }).addToPrincipalPolicy({
      sid: 'Pass',
      actions: ['iam:PassRole'],
      resources: [role.arnForPolicies],
      conditions: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
    });
    new TerraformOutput(stack, 'role_arn', { value: role.roleArn });
    const json = synth(stack);
    expect(roleNamed(json, 'o').policies[0].document.Statement[0].Resource).toEqual([
      `arn:aws:iam::${ACCOUNT}:role/ecs/r`,
    ]);
    expect(json.output!.role_arn.value).toBe(`\${aws_iam_role.${roleNamed(json, 'r').id}.arn}`);
  });

  test('needs an id to attach a managed policy given as an expression', () => {
    const stack = newStack();
    const role = new ServiceRole(stack, 'role', {
      roleName: 'r',
      assumedBy: TrustedServices.ecsTasks,
    });
    expect(() => role.addManagedPolicy(role.roleArn)).toThrow(
      /test\/role: addManagedPolicy needs an id/,
    );
  });

  test('rejects bad role options, all at once', () => {
    const stack = newStack();
    expect(
      () =>
        new ServiceRole(stack, 'role', {
          roleName: 'r',
          assumedBy: TrustedServices.ecsTasks,
          maxSessionDurationSeconds: 43201,
          description: 'd'.repeat(1001),
          tags: { team: 'a'.repeat(257) },
          managedPolicyArns: ['arn:aws:iam::aws:role/x'],
        }),
    ).toThrow(
      [
        'test/role: 4 problems:',
        '  - maxSessionDurationSeconds is not allowed: received 43201; allowed: a whole number of seconds from 3600 to 43200',
        `  - description is 1001 characters long: received "${'d'.repeat(195)}..."; allowed: at most 1000 characters`,
        `  - tags["team"] is not allowed: received "${'a'.repeat(195)}..."; allowed: up to 256 letters, digits, spaces and _.:/=+-@`,
        '  - managedPolicyArns[0] is not an IAM managed policy ARN (resource part "role/x"): received "arn:aws:iam::aws:role/x"; allowed: an IAM managed policy ARN naming one exact resource, such as arn:aws:iam::aws:policy/ReadOnlyAccess',
      ].join('\n'),
    );
  });
});
