import { TaskRole } from '../../modules/task-role';
import { taskRoleModule } from '../../modules/task-role/module';
import { statementValidations } from '../../modules/task-role/module-statements';
import { synthesizeModule } from '../../src/publish/module-stack';
import { roleOptionVariables } from '../../src/publish/role-variables';
import { ACCOUNT, newStack, REGION, roleNamed, synth } from '../support/synth';

const { json } = synthesizeModule(taskRoleModule);
const resources = json.resource as Record<string, Record<string, Record<string, unknown>>>;
const [policy] = Object.values(resources.aws_iam_role_policy);

test("the module's policy holds the construct's statements for the same grants", () => {
  const stack = newStack();
  new TaskRole(stack, 'task', {
    roleName: 'app-task',
    s3ReadLocations: [
      { bucketArn: 'arn:aws:s3:::whole' },
      { bucketArn: 'arn:aws:s3:::reports', prefix: 'daily/' },
    ],
    s3WriteLocations: [{ bucketArn: 'arn:aws:s3:::reports', prefix: 'out/' }],
    snsPublishTopicArns: [`arn:aws:sns:${REGION}:${ACCOUNT}:ready`],
    sqsSendQueueArns: [`arn:aws:sqs:${REGION}:${ACCOUNT}:out`],
    sqsConsumeQueueArns: [`arn:aws:sqs:${REGION}:${ACCOUNT}:in`],
    dynamodbReadTableArns: [`arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/reads`],
    dynamodbWriteTableArns: [`arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/writes`],
    secretArns: [`arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:key-AbCdEf`],
    enableExecuteCommand: true,
  });
  const construct = roleNamed(synth(stack), 'app-task').policies[0].document.Statement.map(
    (s) => `${s.Sid} ${JSON.stringify(s.Action)}`,
  );
  const written = [
    ...(policy.policy as string).matchAll(
      /"Sid" = "(\w+?)(?:\$\{i \+ 2\})?", "Effect" = "Allow", "Action" = (\[[^\]]*\])/g,
    ),
  ].map(([, sid, actions]) => `${sid} ${JSON.stringify(JSON.parse(actions))}`);
  // The construct numbers the second ListBucket statement, the module each prefixed bucket's.
  expect(new Set(written)).toEqual(
    new Set(construct.map((s) => s.replace('S3ListBucket2', 'S3ListBucket'))),
  );
});

test('the policy exists only when a grant is given; managed policies are attached one per ARN', () => {
  const grants = Object.keys(taskRoleModule.variables).filter(
    (v) =>
      !['role_name', 'tags', 'managed_policy_arns', ...Object.keys(roleOptionVariables())].includes(
        v,
      ),
  );
  expect(grants.length).toBeGreaterThan(8);
  for (const grant of grants) expect(policy.count).toContain(`var.${grant}`);
  expect(policy.count).toMatch(/\? 1 : 0\}$/);
  const [attachment] = Object.values(resources.aws_iam_role_policy_attachment);
  expect(attachment).toMatchObject({
    for_each: '${toset(var.managed_policy_arns)}',
    policy_arn: '${each.value}',
  });
});

test("a given statement may not take a Sid of the module's own statements", () => {
  const reserved = statementValidations.find((v) => v.errorMessage.includes("module's own"))!;
  const pattern = new RegExp(JSON.parse(/regex\(("(?:[^"\\]|\\.)*")/.exec(reserved.condition)![1]));
  for (const sid of ['SnsPublish', 'S3ListBucket', 'S3ListBucket3', 'EcsExecChannels'])
    expect(pattern.test(sid)).toBe(true);
  for (const sid of ['ReadConfig', 'SnsPublishToOthers']) expect(pattern.test(sid)).toBe(false);
});
