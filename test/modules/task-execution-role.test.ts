import { Token, TerraformVariable } from 'cdktf';
import { TaskExecutionRole, type TaskExecutionRoleProps } from '../../modules/task-execution-role';
import { ACCOUNT, newStack, REGION, roleNamed, synth } from '../support/synth';
import { decide, decideTrust } from '../support/simulate';

const REPO = `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/app`;
const SECRET = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:app/db-password-AbCdEf`;
const PARAMETER = `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/app/db-host`;
const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const LOG_STREAMS = (name: string) =>
  `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${name}:log-stream:*`;

function executionRole(props: Partial<TaskExecutionRoleProps> = {}) {
  const stack = newStack();
  const role = new TaskExecutionRole(stack, 'exec', { roleName: 'app-exec', ...props });
  return { stack, role };
}

function synthRole(props: Partial<TaskExecutionRoleProps> = {}) {
  const { stack } = executionRole(props);
  return roleNamed(synth(stack), props.roleName ?? 'app-exec');
}

describe('TaskExecutionRole in minimal mode', () => {
  const perTask = () =>
    synthRole({ repositoryArns: [REPO], logGroupNames: ['/ecs/app'], secretArns: [SECRET] });

  test('grants exactly one repository, one log group and one secret; * only for GetAuthorizationToken', () => {
    const role = perTask();
    expect(role.managedPolicyArns).toEqual([]);
    expect(role.policies).toHaveLength(1);
    expect(role.policies[0].name).toBe('task-execution');
    expect(role.policies[0].document).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'EcrAuthorizationToken',
          Effect: 'Allow',
          Action: ['ecr:GetAuthorizationToken'],
          Resource: ['*'],
        },
        {
          Sid: 'EcrPull',
          Effect: 'Allow',
          Action: [
            'ecr:BatchCheckLayerAvailability',
            'ecr:BatchGetImage',
            'ecr:GetDownloadUrlForLayer',
          ],
          Resource: [REPO],
        },
        {
          Sid: 'LogsWrite',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: [LOG_STREAMS('/ecs/app')],
        },
        {
          Sid: 'SecretsRead',
          Effect: 'Allow',
          Action: ['secretsmanager:GetSecretValue'],
          Resource: [SECRET],
        },
      ],
    });
  });

  test('allows what the agent does and nothing next to it', async () => {
    const policies = perTask().policies.map((p) => p.document);
    const allowed = (action: string, resource: string) => decide(policies, { action, resource });
    const other = (resource: string) => resource.replace(ACCOUNT, '210987654321');

    expect(await allowed('ecr:GetAuthorizationToken', '*')).toBe('Allowed');
    expect(await allowed('ecr:BatchGetImage', REPO)).toBe('Allowed');
    expect(await allowed('ecr:GetDownloadUrlForLayer', REPO)).toBe('Allowed');
    expect(
      await allowed('logs:PutLogEvents', LOG_STREAMS('/ecs/app').replace('*', 'app/web/abc')),
    ).toBe('Allowed');
    expect(await allowed('secretsmanager:GetSecretValue', SECRET)).toBe('Allowed');

    // Near misses: another repository, account, log group, secret, and actions beyond reading.
    expect(await allowed('ecr:BatchGetImage', `${REPO}-other`)).toBe('ImplicitlyDenied');
    expect(await allowed('ecr:BatchGetImage', other(REPO))).toBe('ImplicitlyDenied');
    expect(await allowed('ecr:PutImage', REPO)).toBe('ImplicitlyDenied');
    expect(await allowed('logs:PutLogEvents', LOG_STREAMS('/ecs/other').replace('*', 's'))).toBe(
      'ImplicitlyDenied',
    );
    expect(
      await allowed('logs:CreateLogGroup', `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/ecs/app`),
    ).toBe('ImplicitlyDenied');
    expect(
      await allowed('secretsmanager:GetSecretValue', SECRET.replace('db-password', 'db-admin')),
    ).toBe('ImplicitlyDenied');
    expect(await allowed('secretsmanager:PutSecretValue', SECRET)).toBe('ImplicitlyDenied');
    expect(await allowed('ssm:GetParameters', PARAMETER)).toBe('ImplicitlyDenied');
  });

  test('trusts only ECS tasks of this account and region (confused-deputy conditions)', async () => {
    const role = perTask();
    expect(role.trust.Statement).toEqual([
      {
        Sid: 'AssumeByEcsTasks',
        Effect: 'Allow',
        Principal: { Service: ['ecs-tasks.amazonaws.com'] },
        Action: ['sts:AssumeRole'],
        Condition: {
          ArnLike: { 'aws:SourceArn': `arn:aws:ecs:${REGION}:${ACCOUNT}:*` },
          StringEquals: { 'aws:SourceAccount': ACCOUNT },
        },
      },
    ]);
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/app-exec`;
    const task = `arn:aws:ecs:${REGION}:${ACCOUNT}:task/jobs/0123456789abcdef`;
    const assume = (service: string, account: string, sourceArn: string) =>
      decideTrust(role.trust, roleArn, service, {
        'aws:SourceAccount': account,
        'aws:SourceArn': sourceArn,
      });
    expect(await assume('ecs-tasks.amazonaws.com', ACCOUNT, task)).toBe('Allowed');
    expect(
      await assume(
        'ecs-tasks.amazonaws.com',
        '210987654321',
        task.replace(ACCOUNT, '210987654321'),
      ),
    ).toBe('ImplicitlyDenied');
    expect(
      await assume('ecs-tasks.amazonaws.com', ACCOUNT, task.replace(REGION, 'us-east-1')),
    ).toBe('ImplicitlyDenied');
    expect(await assume('lambda.amazonaws.com', ACCOUNT, task)).toBe('ImplicitlyDenied');
  });

  test('writes the policy as a standalone aws_iam_role_policy, never an inline_policy block', () => {
    const role = perTask();
    expect(role.config).not.toHaveProperty('inline_policy');
    expect(role.config).toMatchObject({ name: 'app-exec', path: '/' });
  });

  test('builds ARNs from names and data sources so a plan shows the policy in full', () => {
    const { stack } = executionRole({ logGroupNames: ['/ecs/app'], usesPublicImages: true });
    const json = synth(stack);
    const raw = Object.values(json.resource!.aws_iam_role_policy)[0].policy as string;
    expect(raw).toContain(
      'arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:log-group:/ecs/app:log-stream:*',
    );
    expect(raw).not.toMatch(/\$\{aws_/); // no reference to a resource attribute known only after apply
    expect(Object.keys(json.data!)).toEqual(['aws_caller_identity', 'aws_partition', 'aws_region']);
    expect(Object.keys(json.data!.aws_caller_identity)).toEqual(['current']);
  });

  test('creates log groups only when asked, on exactly those log groups', () => {
    const without = synthRole({ logGroupNames: ['/ecs/app'], usesPublicImages: true });
    expect(without.policies[0].document.Statement.map((s) => s.Sid)).toEqual(['LogsWrite']);
    const withCreate = synthRole({
      logGroupNames: ['/ecs/app'],
      usesPublicImages: true,
      allowCreateLogGroup: true,
    });
    expect(
      withCreate.policies[0].document.Statement.find((s) => s.Sid === 'LogsCreateGroup'),
    ).toEqual({
      Sid: 'LogsCreateGroup',
      Effect: 'Allow',
      Action: ['logs:CreateLogGroup'],
      Resource: [`arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/ecs/app`],
    });
  });

  test('reads SSM parameters, registry credentials and decrypts through exactly the services used', async () => {
    const role = synthRole({
      usesPublicImages: true,
      parameterArns: [PARAMETER],
      repositoryCredentialsSecretArns: [
        `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:dockerhub`,
      ],
      kmsKeyArns: [KEY],
    });
    expect(role.policies[0].document.Statement).toEqual([
      {
        Sid: 'KmsDecrypt',
        Effect: 'Allow',
        Action: ['kms:Decrypt'],
        Resource: [KEY],
        Condition: {
          StringEquals: {
            'kms:ViaService': [
              `secretsmanager.${REGION}.amazonaws.com`,
              `ssm.${REGION}.amazonaws.com`,
            ],
          },
        },
      },
      {
        Sid: 'ParametersRead',
        Effect: 'Allow',
        Action: ['ssm:GetParameters'],
        Resource: [PARAMETER],
      },
      {
        Sid: 'RegistryCredentialsRead',
        Effect: 'Allow',
        Action: ['secretsmanager:GetSecretValue'],
        // A partial ARN (no six-character suffix) matches exactly that secret name.
        Resource: [`arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:dockerhub-??????`],
      },
    ]);
    const policies = role.policies.map((p) => p.document);
    const decrypt = (via: string) =>
      decide(policies, {
        action: 'kms:Decrypt',
        resource: KEY,
        context: { 'kms:ViaService': via },
      });
    expect(await decrypt(`ssm.${REGION}.amazonaws.com`)).toBe('Allowed');
    expect(await decrypt(`s3.${REGION}.amazonaws.com`)).toBe('ImplicitlyDenied');
    expect(
      await decide(policies, {
        action: 'secretsmanager:GetSecretValue',
        resource: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:dockerhub-x1Y2z3`,
      }),
    ).toBe('Allowed');
    expect(
      await decide(policies, {
        action: 'secretsmanager:GetSecretValue',
        resource: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:dockerhub-admin-x1Y2z3`,
      }),
    ).toBe('ImplicitlyDenied');
  });

  test('decrypts only through Secrets Manager when the role reads only secrets', () => {
    const role = synthRole({ usesPublicImages: true, secretArns: [SECRET], kmsKeyArns: [KEY] });
    expect(role.policies[0].document.Statement[0].Condition).toEqual({
      StringEquals: { 'kms:ViaService': [`secretsmanager.${REGION}.amazonaws.com`] },
    });
  });

  test('creates no policy for a role that only pulls public images', () => {
    const role = synthRole({ usesPublicImages: true });
    expect(role.policies).toEqual([]);
    expect(role.managedPolicyArns).toEqual([]);
  });
});

describe('TaskExecutionRole in starter mode', () => {
  test('attaches AmazonECSTaskExecutionRolePolicy and adds no ECR or logs statements of its own', () => {
    const role = synthRole({
      policyMode: 'starter',
      repositoryArns: [REPO],
      logGroupNames: ['/ecs/app'],
    });
    expect(role.managedPolicyArns).toEqual([
      'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
    ]);
    expect(role.policies).toEqual([]);
  });

  test('still grants secrets exactly: the managed policy does not cover them', () => {
    const role = synthRole({ policyMode: 'starter', secretArns: [SECRET] });
    expect(role.policies[0].document.Statement).toEqual([
      {
        Sid: 'SecretsRead',
        Effect: 'Allow',
        Action: ['secretsmanager:GetSecretValue'],
        Resource: [SECRET],
      },
    ]);
  });

  test('needs no noted public image: the managed policy can pull from any repository', () => {
    expect(() => synthRole({ policyMode: 'starter' })).not.toThrow();
  });
});

describe('TaskExecutionRole grant API', () => {
  test('a shared role is the union of what its task definitions use, nothing more', () => {
    const { stack, role } = executionRole();
    role.grantPull(REPO);
    role.grantLogWrite('/ecs/app');
    role.grantPull(`arn:aws:ecr:${REGION}:${ACCOUNT}:repository/worker`);
    role.grantLogWrite('/ecs/worker');
    role.grantPull(REPO); // a second task definition with the same image: folded
    const statements = roleNamed(synth(stack), 'app-exec').policies[0].document.Statement;
    expect(statements.map((s) => [s.Sid, s.Resource])).toEqual([
      ['EcrAuthorizationToken', ['*']],
      ['EcrPull', [REPO, `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/worker`]],
      ['LogsWrite', [LOG_STREAMS('/ecs/app'), LOG_STREAMS('/ecs/worker')]],
    ]);
  });

  test('the same grants in any order give byte-identical output', () => {
    const build = (order: number[]) => {
      const { stack, role } = executionRole();
      const grants = [
        () => role.grantPull(REPO),
        () => role.grantSecretRead(PARAMETER),
        () => role.grantDecrypt(KEY),
        () => role.grantLogWrite('/ecs/b'),
        () => role.grantLogWrite('/ecs/a'),
        () => role.grantSecretRead(SECRET),
      ];
      order.forEach((i) => grants[i]());
      return JSON.stringify(synth(stack));
    };
    expect(build([5, 4, 3, 2, 1, 0])).toBe(build([0, 1, 2, 3, 4, 5]));
    expect(build([2, 0, 4, 1, 5, 3])).toBe(build([0, 1, 2, 3, 4, 5]));
  });

  test('each grant returns the statements it contributes', () => {
    const { role } = executionRole();
    expect(role.grantSecretRead(`${SECRET}:password:AWSCURRENT:`).statements).toEqual([
      { sid: 'SecretsRead', actions: ['secretsmanager:GetSecretValue'], resources: [SECRET] },
    ]);
    expect(role.grantPull(REPO).statements.map((s) => s.sid)).toEqual([
      'EcrAuthorizationToken',
      'EcrPull',
    ]);
    expect(role.grantSecretRead(PARAMETER).statements).toEqual([
      { sid: 'ParametersRead', actions: ['ssm:GetParameters'], resources: [PARAMETER] },
    ]);
  });

  test('grants nothing for a pull in starter mode: the managed policy already covers it', () => {
    const { role } = executionRole({ policyMode: 'starter' });
    expect(role.grantPull(REPO).statements).toEqual([]);
  });

  test('rejects a grant of the wrong kind of ARN, naming the construct and the argument', () => {
    const { role } = executionRole();
    expect(() => role.grantPull(SECRET)).toThrow(
      /^test\/exec: grantPull\(repositoryArn\) is an ARN of service "secretsmanager", not an ECR repository ARN: received "arn:aws:secretsmanager:.*"; allowed: an ECR repository ARN/,
    );
    expect(() => role.grantSecretRead(REPO)).toThrow(
      /grantSecretRead\(secretOrParameterArn\) is an ARN of service "ecr"/,
    );
    expect(() => role.grantRegistryCredentials(PARAMETER)).toThrow(
      /grantRegistryCredentials\(secretArn\) is an ARN of service "ssm", which is not accepted here/,
    );
    expect(() => role.grantDecrypt(`arn:aws:kms:${REGION}:${ACCOUNT}:alias/app`)).toThrow(
      /grantDecrypt\(kmsKeyArn\) is not a KMS key ARN/,
    );
    expect(() => role.grantLogWrite(LOG_STREAMS('/ecs/app'))).toThrow(
      /grantLogWrite\(logGroupName\) is not allowed: received "arn:aws:logs/,
    );
  });
});

describe('TaskExecutionRole validation', () => {
  test('rejects a 70-character role name with its length and the allowed set', () => {
    const name = 'x'.repeat(70);
    expect(() => executionRole({ roleName: name })).toThrow(
      `test/exec: roleName is 70 characters long: received "${name}"; allowed: 1 to 64 characters of letters, digits and +=,.@_-`,
    );
  });

  test('rejects characters IAM does not allow in a role name', () => {
    expect(() => executionRole({ roleName: 'app exec/1' })).toThrow(
      /roleName contains characters IAM does not allow \( \/\)/,
    );
  });

  test('rejects a path that does not start and end with a slash', () => {
    expect(() => executionRole({ path: 'ecs' })).toThrow(
      /path is not allowed: received "ecs"; allowed: "\/" or a path/,
    );
    expect(() => executionRole({ path: '/ecs//x/' })).toThrow(/path is not allowed/);
    const role = synthRole({ path: '/ecs/', usesPublicImages: true });
    expect(role.config.path).toBe('/ecs/');
  });

  test('rejects a secret ARN where an ECR repository ARN is expected', () => {
    expect(() => executionRole({ repositoryArns: [REPO, SECRET] })).toThrow(
      /repositoryArns\[1\] is an ARN of service "secretsmanager", not an ECR repository ARN/,
    );
  });

  test('rejects wildcards: the role names exact resources', () => {
    expect(() =>
      executionRole({ repositoryArns: [`arn:aws:ecr:${REGION}:${ACCOUNT}:repository/*`] }),
    ).toThrow(/repositoryArns\[0\] contains a wildcard \(name the exact resource\)/);
  });

  test('reports every problem at once', () => {
    let message = '';
    try {
      executionRole({
        roleName: 'x'.repeat(65),
        policyMode: 'everything' as never,
        maxSessionDurationSeconds: 60,
        secretArns: [REPO],
        parameterArns: ['not-an-arn'],
        kmsKeyArns: [SECRET],
        logGroupNames: ['/ecs/app*'],
        permissionsBoundaryArn: REPO,
        tags: { 'aws:owner': 'me' },
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n')[0]).toBe('test/exec: 9 problems:');
    for (const property of [
      'roleName',
      'policyMode',
      'maxSessionDurationSeconds',
      'secretArns[0]',
      'parameterArns[0]',
      'kmsKeyArns[0]',
      'logGroupNames[0]',
      'permissionsBoundaryArn',
      'tags key',
    ]) {
      expect(message).toContain(`  - ${property} `);
    }
    expect(message).toContain(
      'policyMode is not allowed: received "everything"; allowed: "minimal", "starter"',
    );
    expect(message).toContain(
      'maxSessionDurationSeconds is not allowed: received 60; allowed: a whole number of seconds from 3600 to 43200',
    );
  });

  test('fails synth in minimal mode when there is nothing to pull and no public image is noted', () => {
    const { stack } = executionRole({ logGroupNames: ['/ecs/app'] });
    expect(() => synth(stack)).toThrow(
      /\[test\/exec\] repositoryArns is empty and no public image is noted, so tasks could pull no image: received \[\]; allowed: at least one ECR repository/,
    );
  });

  test('accepts a role that pulls only public images noted by a task definition', () => {
    const { stack, role } = executionRole({ logGroupNames: ['/ecs/app'] });
    role.notePublicImage('public.ecr.aws/docker/library/busybox:1.36');
    expect(() => synth(stack)).not.toThrow();
  });

  test('fails synth when a KMS key is given with nothing for it to decrypt', () => {
    const { stack } = executionRole({ usesPublicImages: true, kmsKeyArns: [KEY] });
    expect(() => synth(stack)).toThrow(
      /\[test\/exec\] kmsKeyArns is set but the role reads no secret or parameter to decrypt/,
    );
  });

  test('skips validation of values Terraform only knows later', () => {
    const stack = newStack();
    const repository = new TerraformVariable(stack, 'repository_arn', { type: 'string' });
    const role = new TaskExecutionRole(stack, 'exec', {
      roleName: Token.asString(repository.value),
    });
    role.grantPull(repository.stringValue);
    const json = synth(stack);
    const policy = Object.values(json.resource!.aws_iam_role_policy)[0].policy as string;
    expect(JSON.parse(policy).Statement[1].Resource).toEqual(['${var.repository_arn}']);
  });
});
