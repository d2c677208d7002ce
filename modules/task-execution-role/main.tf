data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.region
  minimal    = var.policy_mode == "minimal"
  dns_suffix = data.aws_partition.current.dns_suffix

  log_group_arns = [
    for name in var.log_group_names :
    "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:${name}"
  ]

  # kms:Decrypt only through the services that read the secrets and parameters the role holds.
  kms_via_services = concat(
    length(var.secret_arns) + length(var.repository_credentials_secret_arns) > 0 ? [
      "secretsmanager.${local.region}.${local.dns_suffix}",
    ] : [],
    length(var.parameter_arns) > 0 ? ["ssm.${local.region}.${local.dns_suffix}"] : [],
  )

  # Every statement the role may need; those without a resource are left out.
  candidate_statements = [
    {
      # GetAuthorizationToken has no resource type: "*" is the only resource it accepts.
      sid        = "EcrAuthorizationToken"
      actions    = ["ecr:GetAuthorizationToken"]
      resources  = local.minimal && length(var.repository_arns) > 0 ? ["*"] : []
      conditions = []
    },
    {
      sid        = "EcrPull"
      actions    = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
      resources  = local.minimal ? var.repository_arns : []
      conditions = []
    },
    {
      sid        = "LogsWrite"
      actions    = ["logs:CreateLogStream", "logs:PutLogEvents"]
      resources  = local.minimal ? [for arn in local.log_group_arns : "${arn}:log-stream:*"] : []
      conditions = []
    },
    {
      sid        = "LogsCreateGroup"
      actions    = ["logs:CreateLogGroup"]
      resources  = var.allow_create_log_group ? local.log_group_arns : []
      conditions = []
    },
    {
      sid        = "SecretsRead"
      actions    = ["secretsmanager:GetSecretValue"]
      resources  = var.secret_arns
      conditions = []
    },
    {
      sid        = "ParametersRead"
      actions    = ["ssm:GetParameters"]
      resources  = var.parameter_arns
      conditions = []
    },
    {
      sid        = "RegistryCredentialsRead"
      actions    = ["secretsmanager:GetSecretValue"]
      resources  = var.repository_credentials_secret_arns
      conditions = []
    },
    {
      sid       = "KmsDecrypt"
      actions   = ["kms:Decrypt"]
      resources = length(local.kms_via_services) > 0 ? var.kms_key_arns : []
      conditions = [
        {
          test     = "StringEquals"
          variable = "kms:ViaService"
          values   = local.kms_via_services
        },
      ]
    },
  ]

  statements = [for statement in local.candidate_statements : statement if length(statement.resources) > 0]
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

  name   = "task-execution"
  role   = aws_iam_role.this.name
  policy = data.aws_iam_policy_document.this[0].json

  lifecycle {
    precondition {
      condition     = local.policy_characters <= 10240
      error_message = <<-EOT
        The execution role's policy is ${local.policy_characters} characters (whitespace excluded); IAM allows
        10,240 for a role's inline policies together. Share the work among more execution roles (e.g. one per task
        definition).
      EOT
    }
  }
}

resource "aws_iam_role_policy_attachment" "starter" {
  count = var.policy_mode == "starter" ? 1 : 0

  role       = aws_iam_role.this.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
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
  ecr_repository_pattern = join("", [
    local.arn_partition_pattern, ":ecr:", local.arn_region_pattern, ":\\d{12}:",
    "repository/[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$",
  ])
  secret_pattern = join("", [
    local.arn_partition_pattern, ":secretsmanager:", local.arn_region_pattern, ":\\d{12}:",
    "secret:[A-Za-z0-9/_+=.@-]{1,512}-[A-Za-z0-9]{6}$",
  ])
  parameter_pattern = join("", [
    local.arn_partition_pattern, ":ssm:", local.arn_region_pattern, ":\\d{12}:",
    "parameter/[A-Za-z0-9_.\\-/]+$",
  ])
  kms_key_pattern = join("", [
    local.arn_partition_pattern, ":kms:", local.arn_region_pattern, ":\\d{12}:",
    "key/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$",
  ])
  managed_policy_pattern = join("", [
    local.arn_partition_pattern, ":iam::(?:\\d{12}|aws):", "policy/(?:${local.role_path_chars}+/)?[\\w+=,.@-]{1,128}$",
  ])
}
