variable "family" {
  description = "Family name: 1 to 255 letters, digits, - and _. Also names the roles and the log group."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,255}$", var.family))
    error_message = "family must be 1 to 255 letters, digits, - and _."
  }
}

variable "cpu" {
  description = "Task CPU units: 256, 512, 1024, 2048, 4096, 8192 or 16384 (1024 = 1 vCPU)."
  type        = number
  nullable    = false

  validation {
    condition     = contains([256, 512, 1024, 2048, 4096, 8192, 16384], var.cpu)
    error_message = "cpu must be one of 256, 512, 1024, 2048, 4096, 8192, 16384."
  }
}

variable "memory_mib" {
  description = "Task memory in MiB; the valid values depend on cpu (Fargate's table)."
  type        = number
  nullable    = false

  validation {
    condition     = contains(lookup(local.fargate_memory_mib, tostring(var.cpu), []), var.memory_mib)
    error_message = <<-EOT
      memory_mib is not a Fargate memory size for this cpu: 256 → 512–2048; 512 → 1024–4096;
      1024 → 2048–8192; 2048 → 4096–16384; 4096 → 8192–30720; 8192 → 16384–61440 (step 4096);
      16384 → 32768–122880 MiB (step 8192).
    EOT
  }
}

variable "cpu_architecture" {
  description = "CPU architecture, X86_64 or ARM64 (the image must be built for it)."
  type        = string
  default     = "X86_64"
  nullable    = false

  validation {
    condition     = contains(["X86_64", "ARM64"], var.cpu_architecture)
    error_message = "cpu_architecture must be X86_64 or ARM64."
  }
}

variable "ephemeral_storage_gib" {
  description = "Ephemeral storage of the task, 21 to 200 GiB; null for Fargate's 20 GiB."
  type        = number
  default     = null

  validation {
    condition = var.ephemeral_storage_gib == null ? true : alltrue([
      var.ephemeral_storage_gib >= 21,
      var.ephemeral_storage_gib <= 200,
      floor(var.ephemeral_storage_gib) == var.ephemeral_storage_gib,
    ])
    error_message = "ephemeral_storage_gib must be a whole number from 21 to 200."
  }
}

variable "containers" {
  description = <<-EOT
    The containers, 1 to 10, at least one essential. The execution role may pull exactly the ECR repositories of their
    images (or repository_arn when the image is not an ECR image reference), read exactly their secrets (name →
    Secrets Manager secret ARN, optionally with :json-key:version-stage:version-id, or SSM parameter ARN) and their
    repository_credentials_secret_arn (a private registry's credentials). readonly_root_filesystem defaults to true.
  EOT
  type = list(object({
    name           = string
    image          = string
    repository_arn = optional(string)
    essential      = optional(bool, true)
    command        = optional(list(string))
    entry_point    = optional(list(string))
    environment    = optional(map(string), {})
    secrets        = optional(map(string), {})
    port_mappings = optional(list(object({
      container_port = number
      protocol       = optional(string, "tcp")
      name           = optional(string)
    })), [])
    health_check = optional(object({
      command              = list(string)
      interval_seconds     = optional(number, 30)
      timeout_seconds      = optional(number, 5)
      retries              = optional(number, 3)
      start_period_seconds = optional(number, 0)
    }))
    depends_on = optional(list(object({
      container_name = string
      condition      = string
    })), [])
    readonly_root_filesystem = optional(bool, true)
    user                     = optional(string)
    working_directory        = optional(string)
    stop_timeout_seconds     = optional(number)
    ulimits = optional(list(object({
      name       = string
      soft_limit = number
      hard_limit = number
    })), [])
    init_process_enabled              = optional(bool, false)
    repository_credentials_secret_arn = optional(string)
    cpu                               = optional(number)
    memory_mib                        = optional(number)
  }))

  validation {
    condition     = length(var.containers) >= 1 && length(var.containers) <= 10
    error_message = "containers must hold 1 to 10 containers."
  }

  validation {
    condition     = alltrue([for c in var.containers : can(regex("^[A-Za-z0-9_-]{1,255}$", c.name))])
    error_message = "Each container name must be 1 to 255 letters, digits, - and _."
  }

  validation {
    condition     = length(distinct([for c in var.containers : c.name])) == length(var.containers)
    error_message = "containers must have unique names."
  }

  validation {
    condition     = anytrue([for c in var.containers : c.essential])
    error_message = "At least one container must be essential."
  }

  validation {
    condition = alltrue(flatten([
      for c in var.containers : [for name in keys(c.environment) : can(regex("^[A-Za-z_][A-Za-z0-9_]*$", name))]
    ]))
    error_message = "Each environment variable name must be letters, digits and _, not starting with a digit."
  }

  # A value put under a credential's name would be readable by anyone who may describe the task
  # definition: credentials belong in secrets (read by the execution role at start).
  validation {
    condition = alltrue(flatten([
      for c in var.containers : [
        for name, value in c.environment :
        value == "" || startswith(value, "arn:") || !can(regex(local.credential_name_pattern, name))
      ]
    ]))
    error_message = <<-EOT
      An environment variable whose name says it holds a credential (password, secret, token, api key, private or
      access key, credential) must come from secrets, by ARN, not from environment.
    EOT
  }

  validation {
    condition = alltrue(flatten([
      for c in var.containers : [
        for p in c.port_mappings :
        floor(p.container_port) == p.container_port && p.container_port >= 1 && p.container_port <= 65535 &&
        contains(["tcp", "udp"], p.protocol)
      ]
    ]))
    error_message = "Each port mapping must have a container_port from 1 to 65535 and protocol tcp or udp."
  }

  validation {
    condition = alltrue([
      for c in var.containers : c.health_check == null ? true : (
        length(c.health_check.command) > 0 &&
        c.health_check.interval_seconds >= 5 && c.health_check.interval_seconds <= 300 &&
        c.health_check.timeout_seconds >= 2 && c.health_check.timeout_seconds <= 120 &&
        c.health_check.retries >= 1 && c.health_check.retries <= 10 &&
        c.health_check.start_period_seconds >= 0 && c.health_check.start_period_seconds <= 300
      )
    ])
    error_message = <<-EOT
      Each health_check needs a command, interval_seconds from 5 to 300, timeout_seconds from 2 to 120, retries
      from 1 to 10 and start_period_seconds from 0 to 300.
    EOT
  }

  validation {
    condition = alltrue(flatten([
      for c in var.containers : [
        for d in c.depends_on : contains(["START", "COMPLETE", "SUCCESS", "HEALTHY"], d.condition)
      ]
    ]))
    error_message = "Each depends_on condition must be START, COMPLETE, SUCCESS or HEALTHY."
  }

  validation {
    condition = alltrue(flatten([
      for c in var.containers : [
        for u in c.ulimits : contains(local.ulimit_names, u.name) && u.soft_limit <= u.hard_limit
      ]
    ]))
    error_message = <<-EOT
      Each ulimit must name one of core, cpu, data, fsize, locks, memlock, msgqueue, nice, nofile, nproc, rss, rtprio,
      rttime, sigpending, stack, with a soft_limit no higher than its hard_limit.
    EOT
  }

  validation {
    condition = alltrue([
      for c in var.containers :
      c.user == null ? true : can(regex("^${local.user_or_group}(:${local.user_or_group})?$", c.user))
    ])
    error_message = <<-EOT
      Each user must be a user name or UID, optionally with ":" and a group name or GID, e.g. "app" or "1000:1000".
    EOT
  }

  validation {
    condition = alltrue([
      for c in var.containers :
      c.working_directory == null ? true : can(regex("^/[!-~]*$", c.working_directory))
    ])
    error_message = <<-EOT
      Each working_directory must be an absolute path of printable ASCII characters without spaces, e.g. "/app".
    EOT
  }

  validation {
    condition = alltrue([
      for c in var.containers : c.stop_timeout_seconds == null ? true : (
        floor(c.stop_timeout_seconds) == c.stop_timeout_seconds &&
        c.stop_timeout_seconds >= 2 &&
        c.stop_timeout_seconds <= 120
      )
    ])
    error_message = "Each stop_timeout_seconds must be a whole number from 2 to 120."
  }

  validation {
    condition = alltrue([
      for c in var.containers :
      c.repository_arn == null ? true : can(regex(local.ecr_repository_pattern, c.repository_arn))
    ])
    error_message = <<-EOT
      Each repository_arn must be an ECR repository ARN, such as arn:aws:ecr:eu-west-1:123456789012:repository/my-
      app.
    EOT
  }

  validation {
    condition = alltrue([
      for c in var.containers : alltrue([
        for v in values(c.secrets) :
        can(regex(local.secret_reference_pattern, v)) ? true : can(regex(local.parameter_pattern, v))
      ])
    ])
    error_message = <<-EOT
      Each secret must be a complete Secrets Manager secret ARN (such as arn:aws:secretsmanager:eu-
      west-1:123456789012:secret:db-password-AbCdEf, optionally with :json-key:version-stage:version-id) or an SSM
      parameter ARN (such as arn:aws:ssm:eu-west-1:123456789012:parameter/my-app/db-host).
    EOT
  }
}

variable "log_group_name" {
  description = "An existing log group for the containers; null to create /ecs/<family>."
  type        = string
  default     = null

  validation {
    condition     = var.log_group_name == null ? true : can(regex("^[\\w\\-./#]{1,512}$", var.log_group_name))
    error_message = <<-EOT
      log_group_name must be 1 to 512 letters, digits and _-./#, no wildcard: the execution role writes to exactly
      this group.
    EOT
  }
}

variable "log_retention_days" {
  description = "Retention of the created log group, in days."
  type        = number
  default     = 30
  nullable    = false

  validation {
    condition = contains(
      [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653],
      var.log_retention_days,
    )
    error_message = "log_retention_days must be a retention CloudWatch Logs accepts (1, 3, 5 … 3653)."
  }
}

variable "log_kms_key_arn" {
  description = "KMS key encrypting the created log group (its key policy must allow CloudWatch Logs)."
  type        = string
  default     = null

  validation {
    condition     = var.log_kms_key_arn == null ? true : can(regex(local.kms_key_pattern, var.log_kms_key_arn))
    error_message = "log_kms_key_arn must be a KMS key ARN: arn:aws:kms:eu-west-1:123456789012:key/<key id or mrk-…>."
  }
}

variable "log_stream_prefix" {
  description = "Prefix of the log streams (<prefix>/<container>/<task id>); null for the family."
  type        = string
  default     = null
}

variable "secrets_kms_key_arns" {
  description = "Customer managed KMS keys of the containers' secrets: kms:Decrypt only through Secrets Manager or SSM."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for arn in var.secrets_kms_key_arns : can(regex(local.kms_key_pattern, arn))])
    error_message = "Each item must be a KMS key ARN: arn:aws:kms:eu-west-1:123456789012:key/<key id or mrk-…>."
  }
}

variable "execution_role_name" {
  description = <<-EOT
    Name of an existing execution role to use instead of creating one; set execution_role_arn with it. E.g. one
    shared by several task definitions, from the task-execution-role module: what the containers use is attached to
    it as the policy task-definition-<family>.
  EOT
  type        = string
  default     = null

  validation {
    condition     = var.execution_role_name == null ? true : can(regex("^[\\w+=,.@-]{1,64}$", var.execution_role_name))
    error_message = "execution_role_name must be 1 to 64 characters of letters, digits and +=,.@_-."
  }

  validation {
    condition     = var.execution_role_name != null ? true : length("${var.family}-execution") <= 64
    error_message = <<-EOT
      family is too long to name the execution role the module creates (<family>-execution, 64 characters at most):
      shorten it or give execution_role_name.
    EOT
  }
}

variable "execution_role_arn" {
  description = "ARN of the existing execution role named by execution_role_name."
  type        = string
  default     = null

  validation {
    condition     = var.execution_role_arn == null ? true : can(regex(local.role_pattern, var.execution_role_arn))
    error_message = <<-EOT
      execution_role_arn must be an IAM role ARN naming one exact resource, such as
      arn:aws:iam::123456789012:role/my-role.
    EOT
  }

  validation {
    condition     = (var.execution_role_name == null) == (var.execution_role_arn == null)
    error_message = <<-EOT
      Set execution_role_name and execution_role_arn together (an existing role) or neither (the module creates
      one).
    EOT
  }

  validation {
    condition = (
      var.execution_role_arn == null ? true
      : var.execution_role_name == null ? true : endswith(var.execution_role_arn, "/${var.execution_role_name}")
    )
    error_message = "execution_role_arn must be the ARN of the role named execution_role_name."
  }
}

variable "execution_role_policy_mode" {
  description = <<-EOT
    minimal: the execution role may pull exactly the containers' ECR repositories and write exactly the log group;
    starter: the created role gets the AWS managed AmazonECSTaskExecutionRolePolicy instead (set starter too when the
    given execution role is in starter mode). Secrets are granted exactly in both modes.
  EOT
  type        = string
  default     = "minimal"
  nullable    = false

  validation {
    condition     = contains(["minimal", "starter"], var.execution_role_policy_mode)
    error_message = "execution_role_policy_mode must be minimal or starter."
  }
}

variable "task_role_name" {
  description = <<-EOT
    Name of an existing task role to use instead of creating one; set task_role_arn with it. E.g. from the task-role
    module, with the application's permissions.
  EOT
  type        = string
  default     = null

  validation {
    condition     = var.task_role_name == null ? true : can(regex("^[\\w+=,.@-]{1,64}$", var.task_role_name))
    error_message = "task_role_name must be 1 to 64 characters of letters, digits and +=,.@_-."
  }

  validation {
    condition     = var.task_role_name != null ? true : length("${var.family}-task") <= 64
    error_message = <<-EOT
      family is too long to name the task role the module creates (<family>-task, 64 characters at most): shorten it
      or give task_role_name.
    EOT
  }

  validation {
    condition = (
      coalesce(var.task_role_name, "${var.family}-task") != coalesce(var.execution_role_name, "${var.family}-execution")
    )
    error_message = <<-EOT
      The task role must not be the execution role: the application must not hold the permissions the ECS agent uses
      to pull images and read secrets.
    EOT
  }
}

variable "task_role_arn" {
  description = "ARN of the existing task role named by task_role_name."
  type        = string
  default     = null

  validation {
    condition     = var.task_role_arn == null ? true : can(regex(local.role_pattern, var.task_role_arn))
    error_message = <<-EOT
      task_role_arn must be an IAM role ARN naming one exact resource, such as arn:aws:iam::123456789012:role/my-
      role.
    EOT
  }

  validation {
    condition     = (var.task_role_name == null) == (var.task_role_arn == null)
    error_message = <<-EOT
      Set task_role_name and task_role_arn together (an existing role) or neither (the module creates one).
    EOT
  }

  validation {
    condition = (
      var.task_role_arn == null ? true
      : var.task_role_name == null ? true : endswith(var.task_role_arn, "/${var.task_role_name}")
    )
    error_message = "task_role_arn must be the ARN of the role named task_role_name."
  }
}

variable "role_path" {
  description = "IAM path of the roles the module creates: \"/\" or \"/<segments>/\"."
  type        = string
  default     = "/"
  nullable    = false

  validation {
    condition     = can(regex(local.role_path_pattern, var.role_path)) && !strcontains(var.role_path, "//")
    error_message = <<-EOT
      role_path must be "/" or start and end with "/", without * or ? (a role ARN with them would be a pattern).
    EOT
  }
}

variable "role_permissions_boundary_arn" {
  description = "ARN of a managed policy used as the permissions boundary of the roles the module creates."
  type        = string
  default     = null

  validation {
    condition = (
      var.role_permissions_boundary_arn == null ? true
      : can(regex(local.managed_policy_pattern, var.role_permissions_boundary_arn))
    )
    error_message = <<-EOT
      role_permissions_boundary_arn must be a managed policy ARN: arn:aws:iam::aws:policy/ReadOnlyAccess.
    EOT
  }
}

variable "role_max_session_duration_seconds" {
  description = "Maximum session duration of the created roles, 3600 to 43200 seconds; null for IAM's default (3600)."
  type        = number
  default     = null

  validation {
    condition = var.role_max_session_duration_seconds == null ? true : alltrue([
      var.role_max_session_duration_seconds >= 3600,
      var.role_max_session_duration_seconds <= 43200,
      floor(var.role_max_session_duration_seconds) == var.role_max_session_duration_seconds,
    ])
    error_message = "role_max_session_duration_seconds must be a whole number from 3600 to 43200."
  }
}

variable "role_tags" {
  description = "Tags of the roles the module creates."
  type        = map(string)
  default     = null

  validation {
    condition = alltrue([
      for key, value in var.role_tags == null ? {} : var.role_tags :
      can(regex(local.tag_key_pattern, key)) &&
      !startswith(lower(key), "aws:") &&
      can(regex(local.tag_value_pattern, value))
    ])
    error_message = <<-EOT
      Each role_tags key must be 1 to 128 letters, digits, spaces and _.:/=+-@, not starting with "aws:"; each value up
      to 256 of them.
    EOT
  }
}

variable "tags" {
  description = "Tags of the task definition and its log group, in addition to the provider's default tags."
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
