data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.region

  s3_read_prefixes = distinct([for l in var.s3_read_locations : l.prefix if l.prefix != null])

  # The grants' statements; those without a resource are left out.
  grant_statements = [
    {
      sid        = "S3ReadObjects"
      actions    = ["s3:GetObject"]
      resources  = [for l in var.s3_read_locations : "${l.bucket_arn}/${l.prefix == null ? "" : l.prefix}*"]
      conditions = []
    },
    {
      sid        = "S3ListBucket"
      actions    = ["s3:ListBucket"]
      resources  = distinct([for l in var.s3_read_locations : l.bucket_arn if l.prefix == null])
      conditions = []
    },
    {
      sid        = "S3WriteObjects"
      actions    = ["s3:AbortMultipartUpload", "s3:PutObject"]
      resources  = [for l in var.s3_write_locations : "${l.bucket_arn}/${l.prefix == null ? "" : l.prefix}*"]
      conditions = []
    },
    {
      sid        = "SnsPublish"
      actions    = ["sns:Publish"]
      resources  = var.sns_publish_topic_arns
      conditions = []
    },
    {
      sid        = "SqsSend"
      actions    = ["sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage"]
      resources  = var.sqs_send_queue_arns
      conditions = []
    },
    {
      sid = "SqsConsume"
      actions = [
        "sqs:ChangeMessageVisibility",
        "sqs:DeleteMessage",
        "sqs:GetQueueAttributes",
        "sqs:GetQueueUrl",
        "sqs:ReceiveMessage",
      ]
      resources  = var.sqs_consume_queue_arns
      conditions = []
    },
    {
      sid = "DynamoDbRead"
      actions = [
        "dynamodb:BatchGetItem",
        "dynamodb:ConditionCheckItem",
        "dynamodb:DescribeTable",
        "dynamodb:GetItem",
        "dynamodb:Query",
        "dynamodb:Scan",
      ]
      resources  = concat(var.dynamodb_read_table_arns, [for arn in var.dynamodb_read_table_arns : "${arn}/index/*"])
      conditions = []
    },
    {
      sid = "DynamoDbWrite"
      actions = [
        "dynamodb:BatchWriteItem",
        "dynamodb:ConditionCheckItem",
        "dynamodb:DeleteItem",
        "dynamodb:DescribeTable",
        "dynamodb:PutItem",
        "dynamodb:UpdateItem",
      ]
      resources  = var.dynamodb_write_table_arns
      conditions = []
    },
    {
      sid        = "SecretsRead"
      actions    = ["secretsmanager:GetSecretValue"]
      resources  = var.secret_arns
      conditions = []
    },
    {
      # The SSM message channels of ECS Exec have no resource type: "*" is the only resource.
      sid = "EcsExecChannels"
      actions = [
        "ssmmessages:CreateControlChannel",
        "ssmmessages:CreateDataChannel",
        "ssmmessages:OpenControlChannel",
        "ssmmessages:OpenDataChannel",
      ]
      resources  = var.enable_execute_command ? ["*"] : []
      conditions = []
    },
  ]

  # s3:ListBucket limited to the prefixes read: one statement per prefix, on the buckets read under it.
  s3_list_prefix_statements = [
    for i, prefix in local.s3_read_prefixes : {
      sid       = "S3ListBucket${i + 2}"
      actions   = ["s3:ListBucket"]
      resources = distinct([for l in var.s3_read_locations : l.bucket_arn if l.prefix == prefix])
      conditions = [
        {
          test     = "StringLike"
          variable = "s3:prefix"
          values   = ["${prefix}*"]
        },
      ]
    }
  ]

  given_statements = [
    for s in var.statements : {
      sid       = s.sid
      effect    = s.effect
      actions   = s.actions
      resources = s.resources
      conditions = flatten([
        for test, keys in s.conditions : [
          for variable, values in keys : {
            test     = test
            variable = variable
            values   = values
          }
        ]
      ])
    }
  ]

  statements = concat(
    [for s in local.grant_statements : merge(s, { effect = "Allow" }) if length(s.resources) > 0],
    [for s in local.s3_list_prefix_statements : merge(s, { effect = "Allow" })],
    local.given_statements,
  )
}

data "aws_iam_policy_document" "assume_role" {
  statement {
    sid     = "AssumeByEcsTasks"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }

    # The confused-deputy guard: only for tasks of this account and region.
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${local.partition}:ecs:${local.region}:${local.account_id}:*"]
    }
  }
}

resource "aws_iam_role" "this" {
  name                 = var.role_name
  path                 = var.path
  description          = var.description
  assume_role_policy   = data.aws_iam_policy_document.assume_role.json
  permissions_boundary = var.permissions_boundary_arn
  max_session_duration = var.max_session_duration_seconds
  tags                 = var.tags
}

data "aws_iam_policy_document" "this" {
  count = length(local.statements) > 0 ? 1 : 0

  dynamic "statement" {
    for_each = local.statements

    content {
      sid       = statement.value.sid
      effect    = statement.value.effect
      actions   = statement.value.actions
      resources = statement.value.resources

      dynamic "condition" {
        for_each = statement.value.conditions

        content {
          test     = condition.value.test
          variable = condition.value.variable
          values   = condition.value.values
        }
      }
    }
  }
}

locals {
  # IAM counts a role's inline policies together, without whitespace: 10,240 characters.
  policy_json       = one(data.aws_iam_policy_document.this[*].json)
  policy_characters = local.policy_json == null ? 0 : length(replace(local.policy_json, "/\\s/", ""))
}

resource "aws_iam_role_policy" "this" {
  count = length(local.statements) > 0 ? 1 : 0

  name   = "application"
  role   = aws_iam_role.this.name
  policy = data.aws_iam_policy_document.this[0].json

  lifecycle {
    precondition {
      condition     = local.policy_characters <= 10240
      error_message = <<-EOT
        The task role's policy is ${local.policy_characters} characters (whitespace excluded); IAM allows 10,240 for
        a role's inline policies together. Move statements into customer managed policies (managed_policy_arns).
      EOT
    }
  }
}

resource "aws_iam_role_policy_attachment" "this" {
  for_each = toset(var.managed_policy_arns)

  role       = aws_iam_role.this.name
  policy_arn = each.value
}

# Patterns of the variables' validations (since Terraform 1.9 a validation may read locals).
locals {
  arn_partition_pattern = "^arn:aws(?:-cn|-us-gov|-iso(?:-[a-z])?|-eusc)?"
  # Tag keys and values as AWS accepts them (keys starting with "aws:" are reserved).
  tag_key_pattern   = "^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}$"
  tag_value_pattern = "^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{0,256}$"
  # IAM paths of roles and policies: printable ASCII without * and ?, which would make an ARN a pattern.
  role_path_chars    = "[\\x21-\\x29\\x2B-\\x3E\\x40-\\x7E]"
  role_path_pattern  = "^/(?:${local.role_path_chars}{1,510}/)?$"
  arn_region_pattern = "[a-z]{2}(?:-[a-z]+)+-\\d{1,2}"
  secret_pattern = join("", [
    local.arn_partition_pattern, ":secretsmanager:", local.arn_region_pattern, ":\\d{12}:",
    "secret:[A-Za-z0-9/_+=.@-]{1,512}-[A-Za-z0-9]{6}$",
  ])
  bucket_pattern = "${local.arn_partition_pattern}:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$"
  topic_pattern = join("", [
    local.arn_partition_pattern, ":sns:", local.arn_region_pattern, ":\\d{12}:[A-Za-z0-9_-]{1,256}(?:\\.fifo)?$",
  ])
  queue_pattern = join("", [
    local.arn_partition_pattern, ":sqs:", local.arn_region_pattern, ":\\d{12}:[A-Za-z0-9_-]{1,80}(?:\\.fifo)?$",
  ])
  table_pattern = join("", [
    local.arn_partition_pattern, ":dynamodb:", local.arn_region_pattern, ":\\d{12}:table/[A-Za-z0-9_.-]{3,255}$",
  ])
  own_sids_pattern = join("", [
    "^(?:S3ReadObjects|S3ListBucket|S3WriteObjects|SnsPublish|SqsSend|SqsConsume|DynamoDbRead|DynamoDbWrite|",
    "SecretsRead|EcsExecChannels)\\d*$",
  ])
  managed_policy_pattern = join("", [
    local.arn_partition_pattern, ":iam::(?:\\d{12}|aws):", "policy/(?:${local.role_path_chars}+/)?[\\w+=,.@-]{1,128}$",
  ])
}
