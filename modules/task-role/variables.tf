variable "role_name" {
  description = "Name of the role: 1 to 64 characters of letters, digits and +=,.@_-."
  type        = string

  validation {
    condition     = can(regex("^[\\w+=,.@-]{1,64}$", var.role_name))
    error_message = "role_name must be 1 to 64 characters of letters, digits and +=,.@_-."
  }
}

variable "description" {
  description = "Description of the role."
  type        = string
  default     = "ECS task role: the permissions of the application in the container"
  nullable    = false
}

variable "path" {
  description = "IAM path of the role: \"/\" or \"/<segments>/\"."
  type        = string
  default     = "/"
  nullable    = false

  validation {
    condition     = can(regex(local.role_path_pattern, var.path)) && !strcontains(var.path, "//")
    error_message = <<-EOT
      path must be "/" or start and end with "/", without * or ? (a role ARN with them would be a pattern).
    EOT
  }
}

variable "permissions_boundary_arn" {
  description = "ARN of a managed policy used as the permissions boundary of the role."
  type        = string
  default     = null

  validation {
    condition = (
      var.permissions_boundary_arn == null ? true
      : can(regex(local.managed_policy_pattern, var.permissions_boundary_arn))
    )
    error_message = "permissions_boundary_arn must be a managed policy ARN: arn:aws:iam::aws:policy/ReadOnlyAccess."
  }
}

variable "max_session_duration_seconds" {
  description = "Maximum session duration of the role, 3600 to 43200 seconds; null for IAM's default (3600)."
  type        = number
  default     = null

  validation {
    condition = var.max_session_duration_seconds == null ? true : alltrue([
      var.max_session_duration_seconds >= 3600,
      var.max_session_duration_seconds <= 43200,
      floor(var.max_session_duration_seconds) == var.max_session_duration_seconds,
    ])
    error_message = "max_session_duration_seconds must be a whole number from 3600 to 43200."
  }
}

variable "tags" {
  description = "Tags of the role, in addition to the provider's default tags."
  type        = map(string)
  default     = {}
  nullable    = false

  validation {
    condition = alltrue([
      for key, value in var.tags :
      can(regex(local.tag_key_pattern, key)) &&
      !startswith(lower(key), "aws:") &&
      can(regex(local.tag_value_pattern, value))
    ])
    error_message = <<-EOT
      Each tags key must be 1 to 128 letters, digits, spaces and _.:/=+-@, not starting with "aws:"; each value up
      to 256 of them.
    EOT
  }
}

variable "statements" {
  description = <<-EOT
    Application permissions as policy statements, for what the grants below do not cover: sid (letters and digits,
    unique), effect (Allow or Deny), actions (service:Action), resources (ARNs or "*") and conditions (operator →
    condition key → list of values; a single value is a one-item list).
  EOT
  type = list(object({
    sid        = string
    effect     = optional(string, "Allow")
    actions    = list(string)
    resources  = list(string)
    conditions = optional(map(map(list(string))), {})
  }))
  default  = []
  nullable = false

  validation {
    condition     = alltrue([for s in var.statements : can(regex("^[A-Za-z0-9]+$", s.sid))])
    error_message = "Each statement sid must be letters and digits only, e.g. ReadReports."
  }

  validation {
    condition     = length(distinct([for s in var.statements : s.sid])) == length(var.statements)
    error_message = "statements must have unique sids."
  }

  validation {
    condition = alltrue([
      for s in var.statements : !can(regex(local.own_sids_pattern, s.sid))
    ])
    error_message = <<-EOT
      A statement sid may not be one of the module's own: S3ReadObjects, S3ListBucket, S3WriteObjects, SnsPublish,
      SqsSend, SqsConsume, DynamoDbRead, DynamoDbWrite, SecretsRead, EcsExecChannels (optionally numbered).
    EOT
  }

  validation {
    condition     = alltrue([for s in var.statements : contains(["Allow", "Deny"], s.effect)])
    error_message = "Each statement effect must be Allow or Deny."
  }

  validation {
    condition = alltrue([
      for s in var.statements :
      length(s.actions) > 0 && alltrue([for v in s.actions : can(regex("^(?:\\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$", v))])
    ])
    error_message = <<-EOT
      Each statement needs actions of the form service:Action, e.g. s3:GetObject (wildcards * and ? allowed).
    EOT
  }

  validation {
    condition = alltrue([
      for s in var.statements :
      length(s.resources) > 0 && alltrue([for v in s.resources : can(regex("^(?:\\*|arn:.+)$", v))])
    ])
    error_message = "Each statement needs resources: ARNs or \"*\"."
  }

  # iam:PassRole and ecs:RunTask are never allowed on a pattern (also through a wildcard action such as iam:* or *).
  validation {
    condition = alltrue(flatten([
      for s in var.statements : [
        for r in s.resources : s.effect == "Deny" ? true : !(can(regex("[*?]", r)) && anytrue([
          for a in s.actions : can(regex("(?i)^${replace(replace(a, "*", ".*"), "?", ".")}$", "iam:PassRole"))
        ]))
      ]
    ]))
    error_message = <<-EOT
      A statement that allows iam:PassRole (also through a wildcard action such as iam:* or *) needs exact role
      ARNs: PassRole is never granted on a pattern.
    EOT
  }

  validation {
    condition = alltrue(flatten([
      for s in var.statements : [
        for r in s.resources : s.effect == "Deny" ? true : !(
          can(regex("[*?]", replace(r, "/(:task-definition/[A-Za-z0-9_-]+):\\*$/", "$1"))) && anytrue([
            for a in s.actions : can(regex("(?i)^${replace(replace(a, "*", ".*"), "?", ".")}$", "ecs:RunTask"))
          ])
        )
      ]
    ]))
    error_message = <<-EOT
      A statement that allows ecs:RunTask (also through a wildcard action such as ecs:* or *) needs exact task
      definition families (task-definition/<family>:*): RunTask is never granted on a pattern.
    EOT
  }

  validation {
    condition = alltrue([
      for s in var.statements : alltrue([
        for operator, condition in s.conditions :
        can(regex("^[A-Za-z:]+$", operator)) && alltrue([for v in values(condition) : length(v) > 0])
      ])
    ])
    error_message = <<-EOT
      Each condition must be an operator (e.g. StringEquals) mapping condition keys to a non-empty list of values.
    EOT
  }
}

variable "managed_policy_arns" {
  description = <<-EOT
    Managed policies to attach, by ARN. Prefer statements: AWS managed policies grant far more than a task uses.
  EOT
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for item in var.managed_policy_arns : can(regex(local.managed_policy_pattern, item))])
    error_message = <<-EOT
      Each item must be an IAM managed policy ARN naming one exact resource, such as
      arn:aws:iam::aws:policy/ReadOnlyAccess.
    EOT
  }
}

variable "s3_read_locations" {
  description = <<-EOT
    S3 locations to read: s3:GetObject under the prefix (the whole bucket without one), s3:ListBucket limited to the
    prefix.
  EOT
  type = list(object({
    bucket_arn = string
    prefix     = optional(string)
  }))
  default  = []
  nullable = false

  validation {
    condition     = alltrue([for l in var.s3_read_locations : can(regex(local.bucket_pattern, l.bucket_arn))])
    error_message = "Each bucket_arn must be an S3 bucket ARN, such as arn:aws:s3:::my-bucket."
  }

  validation {
    condition = alltrue([
      for l in var.s3_read_locations : l.prefix == null ? true : can(regex("^[^/*?][^*?]*$", l.prefix))
    ])
    error_message = <<-EOT
      Each prefix must be a non-empty key prefix without a leading "/" or wildcards, e.g. "reports/" (leave it out
      for the whole bucket).
    EOT
  }
}

variable "s3_write_locations" {
  description = <<-EOT
    S3 locations to write: s3:PutObject and s3:AbortMultipartUpload under the prefix (the whole bucket without one).
    No delete.
  EOT
  type = list(object({
    bucket_arn = string
    prefix     = optional(string)
  }))
  default  = []
  nullable = false

  validation {
    condition     = alltrue([for l in var.s3_write_locations : can(regex(local.bucket_pattern, l.bucket_arn))])
    error_message = "Each bucket_arn must be an S3 bucket ARN, such as arn:aws:s3:::my-bucket."
  }

  validation {
    condition = alltrue([
      for l in var.s3_write_locations : l.prefix == null ? true : can(regex("^[^/*?][^*?]*$", l.prefix))
    ])
    error_message = <<-EOT
      Each prefix must be a non-empty key prefix without a leading "/" or wildcards, e.g. "reports/" (leave it out
      for the whole bucket).
    EOT
  }
}

variable "sns_publish_topic_arns" {
  description = "SNS topics to publish to (`sns:Publish`)."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for item in var.sns_publish_topic_arns : can(regex(local.topic_pattern, item))])
    error_message = <<-EOT
      Each item must be an SNS topic ARN naming one exact resource, such as arn:aws:sns:eu-west-1:123456789012:my-
      topic.
    EOT
  }
}

variable "sqs_send_queue_arns" {
  description = "SQS queues to send messages to."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for item in var.sqs_send_queue_arns : can(regex(local.queue_pattern, item))])
    error_message = <<-EOT
      Each item must be an SQS queue ARN naming one exact resource, such as arn:aws:sqs:eu-west-1:123456789012:my-
      queue.
    EOT
  }
}

variable "sqs_consume_queue_arns" {
  description = "SQS queues to receive and delete messages from."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for item in var.sqs_consume_queue_arns : can(regex(local.queue_pattern, item))])
    error_message = <<-EOT
      Each item must be an SQS queue ARN naming one exact resource, such as arn:aws:sqs:eu-west-1:123456789012:my-
      queue.
    EOT
  }
}

variable "dynamodb_read_table_arns" {
  description = "DynamoDB tables to read (items and indexes)."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for item in var.dynamodb_read_table_arns : can(regex(local.table_pattern, item))])
    error_message = <<-EOT
      Each item must be a DynamoDB table ARN naming one exact resource, such as arn:aws:dynamodb:eu-
      west-1:123456789012:table/my-table.
    EOT
  }
}

variable "dynamodb_write_table_arns" {
  description = "DynamoDB tables to write."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for item in var.dynamodb_write_table_arns : can(regex(local.table_pattern, item))])
    error_message = <<-EOT
      Each item must be a DynamoDB table ARN naming one exact resource, such as arn:aws:dynamodb:eu-
      west-1:123456789012:table/my-table.
    EOT
  }
}

variable "secret_arns" {
  description = <<-EOT
    Secrets Manager secrets the application reads at run time, by complete ARN (secrets injected as environment
    variables are read by the execution role instead).
  EOT
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for item in var.secret_arns : can(regex(local.secret_pattern, item))])
    error_message = <<-EOT
      Each item must be a complete Secrets Manager secret ARN, such as arn:aws:secretsmanager:eu-
      west-1:123456789012:secret:db-password-AbCdEf.
    EOT
  }
}

variable "enable_execute_command" {
  description = <<-EOT
    Allow ECS Exec into the containers: the SSM message channels, on "*" (they have no resource type). Enable only
    where someone needs a shell.
  EOT
  type        = bool
  default     = false
  nullable    = false
}
