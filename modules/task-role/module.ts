import { ArnKinds } from '../../src/aws/arn';
import { defineModule } from '../../src/publish/definition';
import { listExpression, stringExpression } from '../../src/publish/expression';
import { arnList, roleVariables, secretArnList } from '../../src/publish/role-variables';
import { Inputs } from '../../src/publish/variables';
import {
  GIVEN_STATEMENTS,
  S3_LOCATIONS_TYPE,
  S3_OBJECT_ARNS,
  S3_WHOLE_BUCKETS,
  s3ListPrefixesStatements,
  s3LocationValidations,
  statementValidations,
  STATEMENTS_TYPE,
} from './module-statements';
import { TaskRoleStatements } from './statements';
import { TaskRole } from '.';

/** Inputs that each add at least one statement when not empty: the policy exists if one is set. */
const GRANTS = [
  'statements',
  's3_read_locations',
  's3_write_locations',
  'sns_publish_topic_arns',
  'sqs_send_queue_arns',
  'sqs_consume_queue_arns',
  'dynamodb_read_table_arns',
  'dynamodb_write_table_arns',
  'secret_arns',
];
const HAS_GRANTS = `(${GRANTS.map((g) => `length(var.${g})`).join(' + ')} > 0 || var.enable_execute_command)`;

/** A statement of the construct's grants with resources Terraform computes. */
const withResources = (
  [statement]: ReturnType<typeof TaskRoleStatements.executeCommand>,
  resources: string,
) => ({ ...statement, resources: listExpression(resources) });

/**
 * The task role as a Terraform module: given statements, managed policies and the common
 * grants, each a list input Terraform renders into the role's policy. With no grant at all,
 * the role has no policy.
 */
export const taskRoleModule = defineModule({
  name: 'task-role',
  description: [
    'The ECS **task role**: the role your application code in the container uses to call AWS,',
    'granted exactly the statements, managed policies, S3 locations, topics, queues, tables and',
    'secrets named. A role with no grant has no policy (a task whose code calls no AWS API needs',
    'none). Its trust policy lets `ecs-tasks.amazonaws.com` assume it only for tasks of this',
    'account and region.',
  ].join('\n'),
  variables: {
    ...roleVariables('jobs-prod-report-task'),
    statements: Inputs.structured(STATEMENTS_TYPE, {
      description: [
        'Application permissions as policy statements, for what the grants below do not cover:',
        'sid (letters and digits, unique), effect (Allow or Deny), actions (service:Action),',
        'resources (ARNs or "*") and conditions (operator → condition key → list of values; a',
        'single value is a one-item list).',
      ].join(' '),
      default: [],
      validation: statementValidations,
    }),
    managed_policy_arns: arnList(
      ArnKinds.iamPolicy,
      'Managed policies to attach, by ARN. Prefer statements: AWS managed policies grant far more than a task uses.',
    ),
    s3_read_locations: Inputs.structured(S3_LOCATIONS_TYPE, {
      description:
        'S3 locations to read: s3:GetObject under the prefix (the whole bucket without one), s3:ListBucket limited to the prefix.',
      default: [],
      validation: s3LocationValidations,
    }),
    s3_write_locations: Inputs.structured(S3_LOCATIONS_TYPE, {
      description:
        'S3 locations to write: s3:PutObject and s3:AbortMultipartUpload under the prefix (the whole bucket without one). No delete.',
      default: [],
      validation: s3LocationValidations,
    }),
    sns_publish_topic_arns: arnList(ArnKinds.snsTopic, 'SNS topics to publish to (`sns:Publish`).'),
    sqs_send_queue_arns: arnList(ArnKinds.sqsQueue, 'SQS queues to send messages to.'),
    sqs_consume_queue_arns: arnList(
      ArnKinds.sqsQueue,
      'SQS queues to receive and delete messages from.',
    ),
    dynamodb_read_table_arns: arnList(
      ArnKinds.dynamodbTable,
      'DynamoDB tables to read (items and indexes).',
    ),
    dynamodb_write_table_arns: arnList(ArnKinds.dynamodbTable, 'DynamoDB tables to write.'),
    secret_arns: secretArnList(
      'Secrets Manager secrets the application reads at run time, by complete ARN (secrets injected as environment variables are read by the execution role instead).',
    ),
    enable_execute_command: Inputs.bool({
      description:
        'Allow ECS Exec into the containers: the SSM message channels, on "*" (they have no resource type). Enable only where someone needs a shell.',
      default: false,
    }),
  },
  build(scope, inputs) {
    const role = new TaskRole(scope, 'this', {
      roleName: inputs.role_name,
      path: inputs.path,
      permissionsBoundaryArn: inputs.permissions_boundary_arn,
      maxSessionDurationSeconds: inputs.max_session_duration_seconds,
      tags: inputs.tags,
      snsPublishTopicArns: inputs.sns_publish_topic_arns,
      sqsSendQueueArns: inputs.sqs_send_queue_arns,
      sqsConsumeQueueArns: inputs.sqs_consume_queue_arns,
      dynamodbReadTableArns: inputs.dynamodb_read_table_arns,
      dynamodbWriteTableArns: inputs.dynamodb_write_table_arns,
      secretArns: inputs.secret_arns,
    });
    // S3 locations and ECS Exec: the construct's statements, on resources Terraform computes.
    const [readObjects, listBuckets] = TaskRoleStatements.s3Read({ bucketArn: 'bucket' });
    role.addToPolicy(withResources([readObjects], S3_OBJECT_ARNS.read));
    role.addToPolicy(withResources([listBuckets], S3_WHOLE_BUCKETS));
    role.addToPolicy(
      withResources(TaskRoleStatements.s3Write({ bucketArn: 'bucket' }), S3_OBJECT_ARNS.write),
    );
    role.addToPolicy(
      withResources(
        TaskRoleStatements.executeCommand(),
        '(var.enable_execute_command ? ["*"] : [])',
      ),
    );
    role.role.addStatementsExpression(listExpression(s3ListPrefixesStatements()));
    role.role.addStatementsExpression(listExpression(GIVEN_STATEMENTS));
    role.role.policy!.addOverride('count', `\${${HAS_GRANTS} ? 1 : 0}`);
    role.role
      .addManagedPolicy(stringExpression('each.value'), 'Given')
      .addOverride('for_each', '${toset(var.managed_policy_arns)}');
    return {
      role_name: { value: role.role.resource.name, description: 'Name of the task role.' },
      role_arn: { value: role.roleArn, description: 'ARN of the task role.' },
    };
  },
});
