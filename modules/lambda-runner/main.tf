data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.region
  arn_prefix = "arn:${local.partition}"
  here       = "${local.region}:${local.account_id}"

  role_name                  = coalesce(var.role_name, "${var.function_name}-role")
  log_group_name             = "/aws/lambda/${var.function_name}"
  cluster_arn                = "${local.arn_prefix}:ecs:${local.here}:cluster/${var.cluster_name}"
  task_definition_arn_prefix = "${local.arn_prefix}:ecs:${local.here}:task-definition"
  tasks_arn                  = "${local.arn_prefix}:ecs:${local.here}:task/${var.cluster_name}/*"
  function_arn               = "${local.arn_prefix}:lambda:${local.here}:function:${var.function_name}"
  queue_name                 = "${var.function_name}-failed"
  queue_arn                  = "${local.arn_prefix}:sqs:${local.here}:${local.queue_name}"
  tags_tasks                 = length(var.task_tags) > 0

  create_queue      = var.on_failure != "none"
  schedule_service  = var.schedule == null ? null : var.schedule.service
  create_scheduler  = local.schedule_service == "scheduler"
  create_event_rule = local.schedule_service == "eventbridge-rule"

  # The handler's configuration: everything it may do, fixed at deploy time.
  runner_config = merge(
    {
      cluster = local.cluster_arn
      tasks = {
        for name, task in var.tasks : name => {
          taskDefinition = task.family
          container      = task.container
        }
      }
      subnets              = var.subnet_ids
      securityGroups       = var.security_group_ids
      assignPublicIp       = var.assign_public_ip
      platformVersion      = var.platform_version
      propagateTags        = var.propagate_tags
      enableExecuteCommand = var.enable_execute_command
    },
    var.capacity_provider_strategy == null ? { launchType = "FARGATE" } : {},
    var.capacity_provider_strategy == null ? {} : {
      capacityProviderStrategy = [
        for item in var.capacity_provider_strategy : merge(
          { capacityProvider = item.capacity_provider },
          item.weight == null ? {} : { weight = item.weight },
          item.base == null ? {} : { base = item.base },
        )
      ]
    },
    local.tags_tasks ? { tags = var.task_tags } : {},
  )

  candidate_statements = [
    {
      sid        = "RunTask"
      actions    = ["ecs:RunTask"]
      resources  = [for task in values(var.tasks) : "${local.task_definition_arn_prefix}/${task.family}:*"]
      conditions = [{ test = "ArnEquals", variable = "ecs:cluster", values = [local.cluster_arn] }]
    },
    {
      # Exactly the tasks' execution and task roles, and only to ECS tasks.
      sid        = "PassTaskRoles"
      actions    = ["iam:PassRole"]
      resources  = distinct(flatten([for task in values(var.tasks) : [task.execution_role_arn, task.task_role_arn]]))
      conditions = [{ test = "StringEquals", variable = "iam:PassedToService", values = ["ecs-tasks.amazonaws.com"] }]
    },
    {
      sid        = "LogsWrite"
      actions    = ["logs:CreateLogStream", "logs:PutLogEvents"]
      resources  = ["${local.arn_prefix}:logs:${local.here}:log-group:${local.log_group_name}:log-stream:*"]
      conditions = []
    },
    {
      # Tagging is authorized per created task; the condition limits it to RunTask's own tagging.
      sid        = "TagStartedTasks"
      actions    = ["ecs:TagResource"]
      resources  = local.tags_tasks ? [local.tasks_arn] : []
      conditions = [{ test = "StringEquals", variable = "ecs:CreateAction", values = ["RunTask"] }]
    },
    {
      sid        = "DescribeTasks"
      actions    = ["ecs:DescribeTasks"]
      resources  = var.allow_describe_tasks ? [local.tasks_arn] : []
      conditions = [{ test = "ArnEquals", variable = "ecs:cluster", values = [local.cluster_arn] }]
    },
    {
      # These X-Ray actions have no resource type: "*" is the only resource they accept.
      sid        = "XRayWrite"
      actions    = ["xray:PutTelemetryRecords", "xray:PutTraceSegments"]
      resources  = var.tracing == "Active" ? ["*"] : []
      conditions = []
    },
    {
      sid        = "DeadLetterQueueSend"
      actions    = ["sqs:SendMessage"]
      resources  = local.create_queue ? [local.queue_arn] : []
      conditions = []
    },
  ]

  statements = [for statement in local.candidate_statements : statement if length(statement.resources) > 0]

  # What a trigger sends: the runner's own input, with only what is set.
  schedule_input = var.schedule == null ? null : jsonencode(merge(
    var.schedule.input.task == null ? {} : { task = var.schedule.input.task },
    var.schedule.input.command == null ? {} : { command = var.schedule.input.command },
    var.schedule.input.environment == null ? {} : { environment = var.schedule.input.environment },
    var.schedule.input.count == null ? {} : { count = var.schedule.input.count },
    var.schedule.input.started_by == null ? {} : { startedBy = var.schedule.input.started_by },
  ))
  event_input = var.event_trigger == null ? null : jsonencode(merge(
    var.event_trigger.input.task == null ? {} : { task = var.event_trigger.input.task },
    var.event_trigger.input.command == null ? {} : { command = var.event_trigger.input.command },
    var.event_trigger.input.environment == null ? {} : { environment = var.event_trigger.input.environment },
    var.event_trigger.input.count == null ? {} : { count = var.event_trigger.input.count },
    var.event_trigger.input.started_by == null ? {} : { startedBy = var.event_trigger.input.started_by },
  ))
}

data "aws_iam_policy_document" "assume_role" {
  # Lambda does not send aws:SourceArn when it assumes a function's role: the account is the guard.
  statement {
    sid     = "AssumeByLambda"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "this" {
  name                 = local.role_name
  path                 = var.path
  description          = "Fargate task runner: runs exactly its task definitions in its cluster"
  assume_role_policy   = data.aws_iam_policy_document.assume_role.json
  permissions_boundary = var.permissions_boundary_arn
  max_session_duration = var.max_session_duration_seconds
  tags                 = var.role_tags
}

data "aws_iam_policy_document" "this" {
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

# AWS size limits, checked at plan (the construct splits the policy and compresses the
# configuration instead; HCL cannot).
locals {
  # IAM counts a role's inline policies together, without whitespace: 10,240 characters.
  policy_characters = length(replace(data.aws_iam_policy_document.this.json, "/\\s/", ""))
  # Lambda allows 4 KB for all environment variables together, names and values, in UTF-8 bytes:
  # counted through urlencode, which writes each byte it escapes as one %XX.
  runner_config_url = urlencode(jsonencode(local.runner_config))
  environment_bytes = (
    length("RUNNER_CONFIG") + length(local.runner_config_url) - 2 * length(regexall("%", local.runner_config_url))
  )
}

resource "aws_iam_role_policy" "this" {
  name   = "run-tasks"
  role   = aws_iam_role.this.name
  policy = data.aws_iam_policy_document.this.json

  lifecycle {
    precondition {
      condition     = local.policy_characters <= 10240
      error_message = <<-EOT
        The runner role's policy is ${local.policy_characters} characters (whitespace excluded); IAM allows 10,240
        for a role's inline policies together. Bind fewer tasks to this runner (several runners), or tasks that
        share their execution and task roles.
      EOT
    }
  }
}

resource "aws_sqs_queue" "dead_letter" {
  count = local.create_queue ? 1 : 0

  name                      = local.queue_name
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
  tags                      = var.tags
}

resource "aws_cloudwatch_log_group" "this" {
  name              = local.log_group_name
  retention_in_days = var.log_retention_days
  tags              = var.tags
}

resource "aws_lambda_function" "this" {
  function_name                  = var.function_name
  description                    = "Starts Fargate tasks: ${join(", ", sort(keys(var.tasks)))}"
  role                           = aws_iam_role.this.arn
  runtime                        = var.runtime
  architectures                  = [var.architecture]
  handler                        = "index.handler"
  filename                       = "${path.module}/runner.zip"
  source_code_hash               = filebase64sha256("${path.module}/runner.zip")
  memory_size                    = var.memory_mib
  timeout                        = var.timeout_seconds
  reserved_concurrent_executions = var.reserved_concurrency

  environment {
    variables = {
      RUNNER_CONFIG = jsonencode(local.runner_config)
    }
  }

  logging_config {
    log_format = "JSON"
    log_group  = aws_cloudwatch_log_group.this.name
  }

  tracing_config {
    mode = var.tracing
  }

  dynamic "dead_letter_config" {
    for_each = var.on_failure == "dead-letter-queue" ? [1] : []

    content {
      target_arn = aws_sqs_queue.dead_letter[0].arn
    }
  }

  tags = var.tags

  lifecycle {
    precondition {
      condition     = local.environment_bytes <= 4096
      error_message = <<-EOT
        The runner's environment (RUNNER_CONFIG) is ${local.environment_bytes} bytes; Lambda allows 4 KB
        (4,096) for all environment variables together. Bind fewer tasks to this runner (several runners), or give
        them shorter names, families and container names.
      EOT
    }
  }

  depends_on = [aws_cloudwatch_log_group.this]
}

resource "aws_lambda_function_event_invoke_config" "this" {
  function_name                = aws_lambda_function.this.function_name
  maximum_retry_attempts       = var.maximum_retry_attempts
  maximum_event_age_in_seconds = var.maximum_event_age_seconds

  dynamic "destination_config" {
    for_each = var.on_failure == "destination" ? [1] : []

    content {
      on_failure {
        destination = aws_sqs_queue.dead_letter[0].arn
      }
    }
  }
}

################################################################################
# Schedule: EventBridge Scheduler, through a role that may invoke only this function
################################################################################

data "aws_iam_policy_document" "scheduler_assume_role" {
  count = local.create_scheduler ? 1 : 0

  statement {
    sid     = "AssumeByScheduler"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["scheduler.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }

    # Only this schedule may use the role.
    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["${local.arn_prefix}:scheduler:${local.here}:schedule/default/${var.function_name}"]
    }
  }
}

resource "aws_iam_role" "scheduler" {
  count = local.create_scheduler ? 1 : 0

  name                 = "${var.function_name}-scheduler"
  path                 = var.path
  description          = "EventBridge Scheduler: invokes the runner function and nothing else"
  assume_role_policy   = data.aws_iam_policy_document.scheduler_assume_role[0].json
  permissions_boundary = var.permissions_boundary_arn
  max_session_duration = var.max_session_duration_seconds
  tags                 = var.role_tags
}

data "aws_iam_policy_document" "scheduler" {
  count = local.create_scheduler ? 1 : 0

  statement {
    sid       = "InvokeRunner"
    actions   = ["lambda:InvokeFunction"]
    resources = [local.function_arn]
  }
}

resource "aws_iam_role_policy" "scheduler" {
  count = local.create_scheduler ? 1 : 0

  name   = "invoke-runner"
  role   = aws_iam_role.scheduler[0].name
  policy = data.aws_iam_policy_document.scheduler[0].json
}

resource "aws_scheduler_schedule" "this" {
  count = local.create_scheduler ? 1 : 0

  name                         = var.function_name
  group_name                   = "default"
  schedule_expression          = var.schedule.expression
  schedule_expression_timezone = var.schedule.timezone

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = aws_lambda_function.this.arn
    role_arn = aws_iam_role.scheduler[0].arn
    input    = local.schedule_input
  }
}

################################################################################
# Schedule as an EventBridge rule, and the event trigger
################################################################################

resource "aws_cloudwatch_event_rule" "schedule" {
  count = local.create_event_rule ? 1 : 0

  name                = "${var.function_name}-schedule"
  schedule_expression = var.schedule.expression
  tags                = var.tags
}

resource "aws_cloudwatch_event_target" "schedule" {
  count = local.create_event_rule ? 1 : 0

  rule  = aws_cloudwatch_event_rule.schedule[0].name
  arn   = aws_lambda_function.this.arn
  input = local.schedule_input
}

resource "aws_lambda_permission" "schedule" {
  count = local.create_event_rule ? 1 : 0

  statement_id  = "invoke-from-ScheduleRule"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this.arn
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.schedule[0].arn
}

resource "aws_cloudwatch_event_rule" "events" {
  count = var.event_trigger == null ? 0 : 1

  name          = "${var.function_name}-events"
  event_pattern = var.event_trigger.pattern
  tags          = var.tags
}

resource "aws_cloudwatch_event_target" "events" {
  count = var.event_trigger == null ? 0 : 1

  rule  = aws_cloudwatch_event_rule.events[0].name
  arn   = aws_lambda_function.this.arn
  input = local.event_input
}

resource "aws_lambda_permission" "events" {
  count = var.event_trigger == null ? 0 : 1

  statement_id  = "invoke-from-EventRule"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this.arn
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.events[0].arn
}

# Patterns of the variables' validations (since Terraform 1.9 a validation may read locals).
locals {
  arn_partition_pattern = "^arn:aws(?:-cn|-us-gov|-iso(?:-[a-z])?|-eusc)?"
  # Schedule expressions: a singular unit for 1, a plural one above; cron's 6 fields; at() for Scheduler.
  rate_expression_pattern = "^rate\\((?:1 (?:minute|hour|day)|(?:[2-9]|[1-9]\\d+) (?:minutes|hours|days))\\)$"
  cron_expression_pattern = "^cron\\(\\S+(?: \\S+){5}\\)$"
  at_expression_pattern   = "^at\\(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\)$"
  # Tag keys and values as AWS accepts them (keys starting with "aws:" are reserved).
  tag_key_pattern   = "^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}$"
  tag_value_pattern = "^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{0,256}$"
  # IAM paths of roles and policies: printable ASCII without * and ?, which would make an ARN a pattern.
  role_path_chars   = "[\\x21-\\x29\\x2B-\\x3E\\x40-\\x7E]"
  role_path_pattern = "^/(?:${local.role_path_chars}{1,510}/)?$"
  role_pattern = join("", [
    local.arn_partition_pattern, ":iam::\\d{12}:", "role/(?:${local.role_path_chars}+/)?[\\w+=,.@-]{1,64}$",
  ])
  managed_policy_pattern = join("", [
    local.arn_partition_pattern, ":iam::(?:\\d{12}|aws):", "policy/(?:${local.role_path_chars}+/)?[\\w+=,.@-]{1,128}$",
  ])
  # What a trigger's input may hold: the runner refuses anything else on every invocation.
  started_by_pattern       = "^[A-Za-z0-9_/-]{1,128}$"
  environment_name_pattern = "^[A-Za-z_][A-Za-z0-9_]*$"
}
