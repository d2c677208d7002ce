import { ArnKinds } from '../../src/aws/arn';
import { defineModule } from '../../src/publish/definition';
import { arnList, roleVariables } from '../../src/publish/role-variables';
import { TaskRole } from '.';

const GRANTS = [
  'sns_publish_topic_arns',
  'sqs_send_queue_arns',
  'sqs_consume_queue_arns',
  'dynamodb_read_table_arns',
  'dynamodb_write_table_arns',
];

/**
 * The task role as a Terraform module, with the ARN-list grants. (Statements, S3 locations,
 * secrets, managed policies and ECS Exec stay construct options for now: they are objects or
 * change which statements exist.)
 */
export const taskRoleModule = defineModule({
  name: 'task-role',
  description: [
    'The ECS **task role**: the role your application code in the container uses to call AWS,',
    'granted exactly the topics, queues and tables named. Its trust policy lets',
    '`ecs-tasks.amazonaws.com` assume it only for tasks of this account and region.',
  ].join('\n'),
  variables: {
    ...roleVariables('jobs-prod-report-task'),
    sns_publish_topic_arns: {
      ...arnList(ArnKinds.snsTopic, 'SNS topics to publish to (`sns:Publish`).'),
      validation: [
        ...arnList(ArnKinds.snsTopic, '').validation!,
        {
          condition: `length(concat(${GRANTS.map((g) => `var.${g}`).join(', ')})) > 0`,
          errorMessage: `A task role needs at least one grant: set one of ${GRANTS.join(', ')}.`,
        },
      ],
    },
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
    });
    return {
      role_name: { value: role.role.resource.name, description: 'Name of the task role.' },
      role_arn: { value: role.roleArn, description: 'ARN of the task role.' },
    };
  },
});
