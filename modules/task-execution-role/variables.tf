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
  default     = "ECS task execution role: pulls images, writes logs and reads secrets for the ECS agent"
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

variable "policy_mode" {
  description = <<-EOT
    minimal: ECR and CloudWatch Logs on exactly repository_arns and log_group_names;
    starter: the AWS managed AmazonECSTaskExecutionRolePolicy (ECR and logs on *).
    Secrets, parameters, keys and registry credentials are granted exactly in both modes.
  EOT
  type        = string
  default     = "minimal"
  nullable    = false

  validation {
    condition     = contains(["minimal", "starter"], var.policy_mode)
    error_message = "policy_mode must be minimal or starter."
  }
}

variable "repository_arns" {
  description = "ECR repositories the tasks pull images from."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for arn in var.repository_arns : can(regex(local.ecr_repository_pattern, arn))])
    error_message = "Each item must be an ECR repository ARN: arn:aws:ecr:eu-west-1:123456789012:repository/app."
  }
}

variable "log_group_names" {
  description = "Log groups (names, in this account and region) the awslogs driver writes to."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for name in var.log_group_names : can(regex("^[\\w\\-./#]{1,512}$", name))])
    error_message = "Each log group name must be 1 to 512 letters, digits and _-./#."
  }
}

variable "allow_create_log_group" {
  description = "Let the awslogs driver create the log groups (awslogs-create-group): logs:CreateLogGroup on them."
  type        = bool
  default     = false
  nullable    = false
}

variable "secret_arns" {
  description = "Secrets Manager secrets injected into containers, by complete ARN (with the 6-character suffix)."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for arn in var.secret_arns : can(regex(local.secret_pattern, arn))])
    error_message = "Each item must be a complete secret ARN (arn:…:secret:db-AbCdEf)."
  }
}

variable "parameter_arns" {
  description = "SSM parameters injected into containers, by ARN."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for arn in var.parameter_arns : can(regex(local.parameter_pattern, arn))])
    error_message = "Each item must be an SSM parameter ARN: arn:aws:ssm:eu-west-1:123456789012:parameter/app/db-host."
  }
}

variable "kms_key_arns" {
  description = "Customer managed KMS keys of those secrets and parameters (decrypt only via Secrets Manager or SSM)."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for arn in var.kms_key_arns : can(regex(local.kms_key_pattern, arn))])
    error_message = "Each item must be a KMS key ARN: arn:aws:kms:eu-west-1:123456789012:key/<key id or mrk-…>."
  }

  validation {
    condition = length(var.kms_key_arns) == 0 ? true : anytrue([
      length(var.secret_arns) > 0,
      length(var.parameter_arns) > 0,
      length(var.repository_credentials_secret_arns) > 0,
    ])
    error_message = "kms_key_arns is set but the role reads no secret or parameter to decrypt."
  }
}

variable "repository_credentials_secret_arns" {
  description = "Secrets Manager secrets holding credentials of private (non-ECR) registries, by ARN."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for a in var.repository_credentials_secret_arns : can(regex(local.secret_pattern, a))])
    error_message = "Each item must be a complete secret ARN (arn:…:secret:hub-AbCdEf)."
  }
}

variable "uses_public_images" {
  description = "The tasks pull only public images (Docker Hub, ECR Public), which need no permission."
  type        = bool
  default     = false
  nullable    = false

  validation {
    condition = anytrue([
      var.uses_public_images,
      var.policy_mode == "starter",
      length(var.repository_arns) + length(var.repository_credentials_secret_arns) > 0,
    ])
    error_message = <<-EOT
      Tasks could pull no image: give repository_arns, repository_credentials_secret_arns,
      policy_mode = "starter", or uses_public_images = true.
    EOT
  }
}
