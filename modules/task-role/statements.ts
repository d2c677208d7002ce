import { mapItems } from '../../src/iam/expression';
import { type PolicyStatement } from '../../src/iam/statement';

/** Objects under a key prefix of one S3 bucket. */
export interface S3Location {
  /** The bucket's ARN: `arn:aws:s3:::my-bucket`. */
  readonly bucketArn: string;
  /**
   * Key prefix the grant is limited to, e.g. `reports/`.
   *
   * @default - the whole bucket
   */
  readonly prefix?: string;
}

const objectsArn = (location: S3Location) => `${location.bucketArn}/${location.prefix ?? ''}*`;

/**
 * The statements of the task role's common grants: what application code usually needs, on
 * exactly the resources named. Each function is pure; statements with the same Sid merge.
 */
export const TaskRoleStatements = {
  /** Read objects under the prefix and list only that prefix. */
  s3Read(location: S3Location): PolicyStatement[] {
    return [
      { sid: 'S3ReadObjects', actions: ['s3:GetObject'], resources: [objectsArn(location)] },
      {
        sid: 'S3ListBucket',
        actions: ['s3:ListBucket'],
        resources: [location.bucketArn],
        ...(location.prefix && {
          conditions: { StringLike: { 's3:prefix': [`${location.prefix}*`] } },
        }),
      },
    ];
  },
  /** Put objects (including multipart uploads) under the prefix. No delete. */
  s3Write(location: S3Location): PolicyStatement[] {
    return [
      {
        sid: 'S3WriteObjects',
        actions: ['s3:AbortMultipartUpload', 's3:PutObject'],
        resources: [objectsArn(location)],
      },
    ];
  },
  snsPublish(topicArn: string): PolicyStatement[] {
    return [{ sid: 'SnsPublish', actions: ['sns:Publish'], resources: [topicArn] }];
  },
  sqsSend(queueArn: string): PolicyStatement[] {
    return [
      {
        sid: 'SqsSend',
        actions: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
        resources: [queueArn],
      },
    ];
  },
  sqsConsume(queueArn: string): PolicyStatement[] {
    return [
      {
        sid: 'SqsConsume',
        actions: [
          'sqs:ChangeMessageVisibility',
          'sqs:DeleteMessage',
          'sqs:GetQueueAttributes',
          'sqs:GetQueueUrl',
          'sqs:ReceiveMessage',
        ],
        resources: [queueArn],
      },
    ];
  },
  /** Read items of the table and query its indexes. */
  dynamodbRead(tableArn: string): PolicyStatement[] {
    return [
      {
        sid: 'DynamoDbRead',
        actions: [
          'dynamodb:BatchGetItem',
          'dynamodb:ConditionCheckItem',
          'dynamodb:DescribeTable',
          'dynamodb:GetItem',
          'dynamodb:Query',
          'dynamodb:Scan',
        ],
        resources: [tableArn, ...mapItems([tableArn], (table) => `${table}/index/*`)],
      },
    ];
  },
  /** Write and delete items of the table. */
  dynamodbWrite(tableArn: string): PolicyStatement[] {
    return [
      {
        sid: 'DynamoDbWrite',
        actions: [
          'dynamodb:BatchWriteItem',
          'dynamodb:ConditionCheckItem',
          'dynamodb:DeleteItem',
          'dynamodb:DescribeTable',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
        ],
        resources: [tableArn],
      },
    ];
  },
  /** Read a Secrets Manager secret at run time (the policy form of its ARN). */
  secretRead(secretPolicyArn: string): PolicyStatement[] {
    return [
      {
        sid: 'SecretsRead',
        actions: ['secretsmanager:GetSecretValue'],
        resources: [secretPolicyArn],
      },
    ];
  },
  /**
   * ECS Exec: the SSM agent in the container opens its channels. These actions have no
   * resource type, so `*` is the only resource they accept.
   */
  executeCommand(): PolicyStatement[] {
    return [
      {
        sid: 'EcsExecChannels',
        actions: [
          'ssmmessages:CreateControlChannel',
          'ssmmessages:CreateDataChannel',
          'ssmmessages:OpenControlChannel',
          'ssmmessages:OpenDataChannel',
        ],
        resources: ['*'],
      },
    ];
  },
};
