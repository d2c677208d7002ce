import { ArnKinds } from '../../src/aws/arn';
import { defineModule } from '../../src/publish/definition';
import { arnList, roleVariables, secretArnList } from '../../src/publish/role-variables';
import { Check, Inputs } from '../../src/publish/variables';
import { AwsContext } from '../../src/aws/context';
import { listExpression } from '../../src/publish/expression';
import { EXECUTION_ROLE_POLICY_MODES, STARTER_POLICY, TaskExecutionRole } from '.';

/** A list granted exactly in minimal mode only (the managed policy covers it in starter mode). */
const MINIMAL = (list: string) => `(var.policy_mode == "minimal" ? ${list} : [])`;

/**
 * The task execution role as a Terraform module: `minimal` mode grants exact repositories and
 * log groups; `starter` mode attaches the AWS managed policy instead (a `count` on the
 * attachment; the repositories and log groups are then left out). Secrets are exact in both.
 * (`allowCreateLogGroup` stays a construct option.)
 */
export const taskExecutionRoleModule = defineModule({
  name: 'task-execution-role',
  description: [
    'The ECS **task execution role**: the role the ECS agent uses to start a task — pull its images',
    'from ECR, write its logs to CloudWatch Logs, fetch the secrets injected into its containers —',
    'with exactly those permissions (`ecr:GetAuthorizationToken` on `*`, the one action that needs it).',
    'Its trust policy lets `ecs-tasks.amazonaws.com` assume it only for tasks of this account and',
    'region (`aws:SourceAccount`, `aws:SourceArn`).',
  ].join('\n'),
  variables: {
    ...roleVariables('jobs-prod-report-exec'),
    policy_mode: Inputs.string({
      description:
        'minimal: ECR and CloudWatch Logs on exactly repository_arns and log_group_names; starter: the AWS managed AmazonECSTaskExecutionRolePolicy (ECR and logs on *).',
      default: 'minimal',
      validation: [
        Check.oneOf(EXECUTION_ROLE_POLICY_MODES, 'policy_mode must be minimal or starter.'),
      ],
    }),
    repository_arns: arnList(
      ArnKinds.ecrRepository,
      'ECR repositories the tasks pull images from.',
    ),
    log_group_names: Inputs.stringList({
      description: 'Log groups (names, in this account and region) the awslogs driver writes to.',
      default: [],
      validation: [
        Check.eachPattern(
          '^[\\w\\-./#]{1,512}$',
          'Each log group name must be 1 to 512 letters, digits and _-./#.',
        ),
      ],
    }),
    secret_arns: secretArnList(
      'Secrets Manager secrets injected into containers, by complete ARN (with the six-character suffix).',
    ),
    parameter_arns: arnList(ArnKinds.ssmParameter, 'SSM parameters injected into containers.'),
    kms_key_arns: {
      ...arnList(
        ArnKinds.kmsKey,
        'Customer managed KMS keys encrypting those secrets or parameters (decrypt through Secrets Manager or SSM only).',
      ),
      validation: [
        ...arnList(ArnKinds.kmsKey, '').validation!,
        {
          condition:
            'length({name}) == 0 || length(concat(var.secret_arns, var.parameter_arns, var.repository_credentials_secret_arns)) > 0',
          errorMessage: 'kms_key_arns is set but the role reads no secret or parameter to decrypt.',
        },
      ],
    },
    repository_credentials_secret_arns: arnList(
      ArnKinds.secretsManagerSecret,
      'Secrets Manager secrets holding credentials of private (non-ECR) registries.',
    ),
    uses_public_images: Inputs.bool({
      description: 'The tasks pull only public images, which need no permission.',
      default: false,
      validation: [
        {
          condition:
            '{name} || var.policy_mode == "starter" || length(var.repository_arns) + length(var.repository_credentials_secret_arns) > 0',
          errorMessage:
            'Tasks could pull no image: give repository_arns, repository_credentials_secret_arns, policy_mode = "starter", or uses_public_images = true.',
        },
      ],
    }),
  },
  build(scope, inputs) {
    const role = new TaskExecutionRole(scope, 'this', {
      roleName: inputs.role_name,
      path: inputs.path,
      permissionsBoundaryArn: inputs.permissions_boundary_arn,
      maxSessionDurationSeconds: inputs.max_session_duration_seconds,
      tags: inputs.tags,
      repositoryArns: listExpression(MINIMAL('var.repository_arns')),
      logGroupNames: listExpression(MINIMAL('var.log_group_names')),
      secretArns: inputs.secret_arns,
      parameterArns: inputs.parameter_arns,
      kmsKeyArns: inputs.kms_key_arns,
      repositoryCredentialsSecretArns: inputs.repository_credentials_secret_arns,
      usesPublicImages: inputs.uses_public_images,
    });
    role.role
      .addManagedPolicy(
        AwsContext.of(scope).awsManagedPolicyArn(STARTER_POLICY),
        'AmazonECSTaskExecutionRolePolicy',
      )
      .addOverride('count', '${var.policy_mode == "starter" ? 1 : 0}');
    return {
      role_name: {
        value: role.role.resource.name,
        description: 'Name of the task execution role.',
      },
      role_arn: { value: role.roleArn, description: 'ARN of the task execution role.' },
    };
  },
});
