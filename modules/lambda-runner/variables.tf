variable "function_name" {
  description = "Name of the function: 1 to 64 letters, digits, - and _. Also names its role."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,64}$", var.function_name))
    error_message = "function_name must be 1 to 64 letters, digits, - and _."
  }

  validation {
    condition     = var.role_name != null ? true : length(var.function_name) <= 59
    error_message = <<-EOT
      function_name must be at most 59 characters to name the role <function_name>-role (or give role_name).
    EOT
  }
}

variable "cluster_name" {
  description = "Name of the cluster the tasks run in; the runner may run them in no other."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,255}$", var.cluster_name))
    error_message = "cluster_name must be 1 to 255 letters, digits, - and _."
  }
}

variable "tasks" {
  description = <<-EOT
    The tasks the runner may start, by the name an invocation uses ({ "task": "<name>" }): the family, execution
    role ARN and task role ARN of each (outputs of the fargate-task-definition module), and the container that
    command and environment overrides apply to.
  EOT
  type = map(object({
    family             = string
    execution_role_arn = string
    task_role_arn      = string
    container          = string
  }))

  validation {
    condition     = length(var.tasks) > 0
    error_message = "tasks must name at least one task."
  }

  validation {
    condition     = alltrue([for name, task in var.tasks : can(regex("^[A-Za-z0-9_-]{1,64}$", name))])
    error_message = "Each task name must be 1 to 64 letters, digits, - and _."
  }

  validation {
    condition     = alltrue([for name, task in var.tasks : can(regex("^[A-Za-z0-9_-]{1,255}$", task.family))])
    error_message = "Each family must be 1 to 255 letters, digits, - and _."
  }

  validation {
    condition = alltrue([
      for name, task in var.tasks :
      can(regex(local.role_pattern, task.execution_role_arn)) && can(regex(local.role_pattern, task.task_role_arn))
    ])
    error_message = <<-EOT
      Each execution_role_arn and task_role_arn must be an IAM role ARN, such as arn:aws:iam::123456789012:role/my-
      role.
    EOT
  }

  validation {
    condition     = alltrue([for name, task in var.tasks : task.execution_role_arn != task.task_role_arn])
    error_message = "A task role must be distinct from the execution role."
  }

  validation {
    condition     = alltrue([for name, task in var.tasks : can(regex("^[A-Za-z0-9_-]{1,255}$", task.container))])
    error_message = "Each container must be 1 to 255 letters, digits, - and _."
  }
}

variable "subnet_ids" {
  description = "Subnets of the tasks (subnet-…)."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) > 0
    error_message = "subnet_ids must not be empty."
  }

  validation {
    condition     = alltrue([for item in var.subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", item))])
    error_message = "Each subnet ID must look like subnet-0123456789abcdef0."
  }
}

variable "security_group_ids" {
  description = "Security groups of the tasks (sg-…)."
  type        = list(string)

  validation {
    condition     = length(var.security_group_ids) > 0
    error_message = "security_group_ids must not be empty."
  }

  validation {
    condition     = alltrue([for item in var.security_group_ids : can(regex("^sg-[0-9a-f]{8,17}$", item))])
    error_message = "Each security group ID must look like sg-0123456789abcdef0."
  }
}

variable "assign_public_ip" {
  description = "Give tasks a public IP (needed in public subnets without a NAT gateway to pull images)."
  type        = bool
  default     = false
  nullable    = false
}

variable "platform_version" {
  description = "Fargate platform version."
  type        = string
  default     = "LATEST"
  nullable    = false

  validation {
    condition     = can(regex("^(?:LATEST|\\d+\\.\\d+\\.\\d+)$", var.platform_version))
    error_message = "platform_version must be LATEST or a version such as 1.4.0."
  }
}

variable "propagate_tags" {
  description = "Copy the task definition's tags to the tasks: TASK_DEFINITION or NONE."
  type        = string
  default     = "TASK_DEFINITION"
  nullable    = false

  validation {
    condition     = contains(["TASK_DEFINITION", "NONE"], var.propagate_tags)
    error_message = "propagate_tags must be TASK_DEFINITION or NONE."
  }
}

variable "enable_execute_command" {
  description = "Start tasks with ECS Exec enabled (the task roles also need the ECS Exec permissions)."
  type        = bool
  default     = false
  nullable    = false
}

variable "capacity_provider_strategy" {
  description = <<-EOT
    Capacity provider strategy of the tasks: capacity_provider (FARGATE or FARGATE_SPOT), weight and base.
    null: launch type FARGATE.
  EOT
  type = list(object({
    capacity_provider = string
    weight            = optional(number)
    base              = optional(number)
  }))
  default = null

  validation {
    condition = var.capacity_provider_strategy == null ? true : alltrue([
      for item in var.capacity_provider_strategy : contains(["FARGATE", "FARGATE_SPOT"], item.capacity_provider)
    ])
    error_message = "Each capacity_provider must be FARGATE or FARGATE_SPOT."
  }
}

variable "task_tags" {
  description = <<-EOT
    Tags set on every started task; the role then may tag the tasks it starts, and only while starting them
    (ecs:CreateAction = RunTask).
  EOT
  type        = map(string)
  default     = {}
  nullable    = false

  validation {
    condition = alltrue([
      for key, value in var.task_tags :
      can(regex(local.tag_key_pattern, key)) &&
      !startswith(lower(key), "aws:") &&
      can(regex(local.tag_value_pattern, value))
    ])
    error_message = <<-EOT
      Each task_tags key must be 1 to 128 letters, digits, spaces and _.:/=+-@, not starting with "aws:"; each value up
      to 256 of them.
    EOT
  }
}

variable "allow_describe_tasks" {
  description = "Let the runner describe tasks in the cluster (ecs:DescribeTasks)."
  type        = bool
  default     = false
  nullable    = false
}

variable "tracing" {
  description = <<-EOT
    X-Ray tracing: Active records invocations (and adds xray:PutTraceSegments and xray:PutTelemetryRecords on "*",
    which have no resource type); PassThrough only passes on an incoming trace header.
  EOT
  type        = string
  default     = "PassThrough"
  nullable    = false

  validation {
    condition     = contains(["Active", "PassThrough"], var.tracing)
    error_message = "tracing must be Active or PassThrough."
  }
}

variable "on_failure" {
  description = <<-EOT
    Where failed asynchronous invocations go: dead-letter-queue (an SQS queue <function_name>-failed as the
    function's dead_letter_config), destination (the same queue as on-failure destination, which also records the
    error) or none.
  EOT
  type        = string
  default     = "dead-letter-queue"
  nullable    = false

  validation {
    condition     = contains(["dead-letter-queue", "destination", "none"], var.on_failure)
    error_message = "on_failure must be dead-letter-queue, destination or none."
  }
}

variable "schedule" {
  description = <<-EOT
    Run tasks on a schedule: expression (rate(1 hour), cron(0 3 * * ? *), or with EventBridge Scheduler
    at(2026-12-01T03:00:00)), timezone of cron and at expressions (Scheduler only), the input the runner receives
    (task, command, environment, count, started_by; task may be left out when the runner has one task), and service:
    scheduler (EventBridge Scheduler, with a role that may invoke only this function and trusts only this schedule)
    or eventbridge-rule (an EventBridge rule with a Lambda permission for exactly that rule).
  EOT
  type = object({
    expression = string
    timezone   = optional(string, "UTC")
    input = optional(object({
      task        = optional(string)
      command     = optional(list(string))
      environment = optional(map(string))
      count       = optional(number)
      started_by  = optional(string)
    }), {})
    service = optional(string, "scheduler")
  })
  default = null

  validation {
    condition     = var.schedule == null ? true : contains(["scheduler", "eventbridge-rule"], var.schedule.service)
    error_message = "schedule.service must be scheduler or eventbridge-rule."
  }

  # The shape of the expression; AWS checks the cron fields and the time zone at apply.
  validation {
    condition = var.schedule == null ? true : anytrue([
      can(regex(local.rate_expression_pattern, var.schedule.expression)),
      can(regex(local.cron_expression_pattern, var.schedule.expression)),
      var.schedule.service == "scheduler" && can(regex(local.at_expression_pattern, var.schedule.expression)),
    ])
    error_message = <<-EOT
      schedule.expression must be rate(1 minute|hour|day), rate(<n> minutes|hours|days), cron(<6 fields>) or, with
      service = "scheduler", at(yyyy-mm-ddThh:mm:ss).
    EOT
  }

  validation {
    condition = var.schedule == null ? true : (
      var.schedule.input.task == null ? length(var.tasks) == 1 : contains(keys(var.tasks), var.schedule.input.task)
    )
    error_message = "schedule.input.task must name one of tasks (it may be left out only when there is one task)."
  }

  validation {
    condition = var.schedule == null ? true : (
      var.schedule.input.count == null ? true : contains([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], var.schedule.input.count)
    )
    error_message = "schedule.input.count must be a whole number from 1 to 10."
  }

  validation {
    condition = var.schedule == null ? true : alltrue(concat(
      [
        var.schedule.input.started_by == null ? true
        : can(regex(local.started_by_pattern, var.schedule.input.started_by))
      ],
      [
        for name in var.schedule.input.environment == null ? [] : keys(var.schedule.input.environment) :
        can(regex(local.environment_name_pattern, name))
      ],
    ))
    error_message = <<-EOT
      schedule.input.started_by must be 1 to 128 letters, digits, -, / and _; each name of schedule.input.environment
      letters, digits and _, not starting with a digit.
    EOT
  }

  validation {
    condition = var.schedule == null ? true : (
      var.schedule.service != "scheduler" ? true : length("${var.function_name}-scheduler") <= 64
    )
    error_message = "function_name is too long to name the scheduler's role <function_name>-scheduler (64 characters)."
  }
}

variable "event_trigger" {
  description = <<-EOT
    Run tasks when an EventBridge event matches: pattern (the event pattern as JSON, e.g. jsonencode({ source =
    ["aws.s3"] })) and the input the runner receives (the event itself is not passed on: the runner accepts only its
    own input).
  EOT
  type = object({
    pattern = string
    input = optional(object({
      task        = optional(string)
      command     = optional(list(string))
      environment = optional(map(string))
      count       = optional(number)
      started_by  = optional(string)
    }), {})
  })
  default = null

  # Its top level: a non-empty object whose fields are non-empty lists or nested patterns.
  validation {
    condition = var.event_trigger == null ? true : try(
      length(jsondecode(var.event_trigger.pattern)) > 0 && alltrue([
        for value in values(jsondecode(var.event_trigger.pattern)) :
        can(keys(value)) || try(!can(tostring(value)) && length(value) > 0, false)
      ]),
      false,
    )
    error_message = <<-EOT
      event_trigger.pattern must be a JSON event pattern: an object whose fields are non-empty lists of values or
      matchers, or patterns of the same kind.
    EOT
  }

  validation {
    condition = var.event_trigger == null ? true : (
      var.event_trigger.input.task == null ? length(var.tasks) == 1
      : contains(keys(var.tasks), var.event_trigger.input.task)
    )
    error_message = "event_trigger.input.task must name one of tasks (it may be left out only when there is one task)."
  }

  validation {
    condition = var.event_trigger == null ? true : (
      var.event_trigger.input.count == null ? true
      : contains([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], var.event_trigger.input.count)
    )
    error_message = "event_trigger.input.count must be a whole number from 1 to 10."
  }

  validation {
    condition = var.event_trigger == null ? true : alltrue(concat(
      [
        var.event_trigger.input.started_by == null ? true
        : can(regex(local.started_by_pattern, var.event_trigger.input.started_by))
      ],
      [
        for name in var.event_trigger.input.environment == null ? [] : keys(var.event_trigger.input.environment) :
        can(regex(local.environment_name_pattern, name))
      ],
    ))
    error_message = <<-EOT
      event_trigger.input.started_by must be 1 to 128 letters, digits, -, / and _; each name of
      event_trigger.input.environment letters, digits and _, not starting with a digit.
    EOT
  }
}

variable "role_name" {
  description = "Name of the runner's role; null for <function_name>-role."
  type        = string
  default     = null

  validation {
    condition     = var.role_name == null ? true : can(regex("^[\\w+=,.@-]{1,64}$", var.role_name))
    error_message = "role_name must be 1 to 64 characters of letters, digits and +=,.@_-."
  }
}

variable "runtime" {
  description = "Node.js runtime of the function: nodejs22.x or nodejs24.x."
  type        = string
  default     = "nodejs22.x"
  nullable    = false

  validation {
    condition     = contains(["nodejs22.x", "nodejs24.x"], var.runtime)
    error_message = "runtime must be one of nodejs22.x, nodejs24.x."
  }
}

variable "architecture" {
  description = "Architecture of the function: arm64 or x86_64."
  type        = string
  default     = "arm64"
  nullable    = false

  validation {
    condition     = contains(["arm64", "x86_64"], var.architecture)
    error_message = "architecture must be arm64 or x86_64."
  }
}

variable "memory_mib" {
  description = "Memory of the function in MiB, 128 to 10240."
  type        = number
  default     = 256
  nullable    = false

  validation {
    condition = alltrue([
      var.memory_mib >= 128,
      var.memory_mib <= 10240,
      floor(var.memory_mib) == var.memory_mib,
    ])
    error_message = "memory_mib must be a whole number from 128 to 10240."
  }
}

variable "timeout_seconds" {
  description = "Timeout of the function in seconds, 1 to 900."
  type        = number
  default     = 30
  nullable    = false

  validation {
    condition = alltrue([
      var.timeout_seconds >= 1,
      var.timeout_seconds <= 900,
      floor(var.timeout_seconds) == var.timeout_seconds,
    ])
    error_message = "timeout_seconds must be a whole number from 1 to 900."
  }
}

variable "log_retention_days" {
  description = "Retention of the log group /aws/lambda/<function_name>, in days."
  type        = number
  default     = 30
  nullable    = false

  validation {
    condition = contains(
      [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653],
      var.log_retention_days,
    )
    error_message = <<-EOT
      log_retention_days must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827,
      2192, 2557, 2922, 3288, 3653.
    EOT
  }
}

variable "reserved_concurrency" {
  description = "Reserved concurrency, which also caps how many invocations run at once; null for unreserved."
  type        = number
  default     = null

  validation {
    condition = var.reserved_concurrency == null ? true : alltrue([
      var.reserved_concurrency >= 0,
      var.reserved_concurrency <= 10000,
      floor(var.reserved_concurrency) == var.reserved_concurrency,
    ])
    error_message = "reserved_concurrency must be a whole number from 0 to 10000."
  }
}

variable "maximum_retry_attempts" {
  description = "Retries of a failed asynchronous invocation, 0 to 2."
  type        = number
  default     = 2
  nullable    = false

  validation {
    condition = alltrue([
      var.maximum_retry_attempts >= 0,
      var.maximum_retry_attempts <= 2,
      floor(var.maximum_retry_attempts) == var.maximum_retry_attempts,
    ])
    error_message = "maximum_retry_attempts must be 0, 1 or 2."
  }
}

variable "maximum_event_age_seconds" {
  description = "Maximum age of an asynchronous event, 60 to 21600 seconds."
  type        = number
  default     = 21600
  nullable    = false

  validation {
    condition = alltrue([
      var.maximum_event_age_seconds >= 60,
      var.maximum_event_age_seconds <= 21600,
      floor(var.maximum_event_age_seconds) == var.maximum_event_age_seconds,
    ])
    error_message = "maximum_event_age_seconds must be a whole number from 60 to 21600."
  }
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
    error_message = <<-EOT
      permissions_boundary_arn must be an IAM managed policy ARN naming one exact resource, such as
      arn:aws:iam::aws:policy/ReadOnlyAccess.
    EOT
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
  description = "Tags of the function, its log group, queue and rules, in addition to the provider's default tags."
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

variable "role_tags" {
  description = "Tags of the roles the module creates (the runner's and the scheduler's)."
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
