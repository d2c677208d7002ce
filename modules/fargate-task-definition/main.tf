data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.region
  dns_suffix = data.aws_partition.current.dns_suffix
  # Role ARNs are built from path and name, so that policies naming them are known at plan.
  role_arn_prefix = "arn:${local.partition}:iam::${local.account_id}:role"
  minimal         = var.execution_role_policy_mode == "minimal"

  create_execution_role = var.execution_role_name == null
  create_task_role      = var.task_role_name == null
  execution_role_name   = local.create_execution_role ? "${var.family}-execution" : var.execution_role_name
  task_role_name        = local.create_task_role ? "${var.family}-task" : var.task_role_name

  create_log_group = var.log_group_name == null
  log_group_name   = local.create_log_group ? "/ecs/${var.family}" : var.log_group_name
  log_group_arn = join(":", [
    "arn", local.partition, "logs", local.region, local.account_id, "log-group", local.log_group_name,
  ])
  log_stream_prefix = coalesce(var.log_stream_prefix, var.family)

  # ECR images: <account>.dkr.ecr.<region>.<domain>/<repository>[:tag][@digest] → the repository's ARN.
  ecr_images = {
    for c in var.containers : c.name => regex(
      join("", [
        "^(\\d{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z]{2}(?:-[a-z]+)+-\\d{1,2})",
        "\\.(?:amazonaws\\.com(?:\\.cn)?|on\\.aws)/([^:@]+)",
      ]),
      c.image,
    ) if c.repository_arn == null && can(regex("^\\d{12}\\.dkr\\.ecr", c.image))
  }
  repository_arns = distinct(concat(
    [for c in var.containers : c.repository_arn if c.repository_arn != null],
    [
      for name, image in local.ecr_images : join(":", [
        "arn",
        startswith(image[1], "cn-") ? "aws-cn" : startswith(image[1], "us-gov-") ? "aws-us-gov" : "aws",
        "ecr", image[1], image[0], "repository/${image[2]}",
      ])
    ],
  ))

  # Container secrets: a Secrets Manager secret (read as the secret, whatever JSON key or version) or an SSM parameter.
  secret_values = distinct(flatten([for c in var.containers : values(c.secrets)]))
  secret_arns = distinct([
    for v in local.secret_values : regex("^arn:[^:]+:secretsmanager:[^:]+:[^:]+:secret:[^:]+", v)
    if can(regex("^arn:[^:]+:secretsmanager:", v))
  ])
  parameter_arns = [for v in local.secret_values : v if can(regex("^arn:[^:]+:ssm:", v))]
  registry_credentials_arns = distinct([
    for c in var.containers : c.repository_credentials_secret_arn if c.repository_credentials_secret_arn != null
  ])

  # kms:Decrypt only through the services that read the secrets and parameters the role holds.
  kms_via_services = concat(
    length(local.secret_arns) + length(local.registry_credentials_arns) > 0 ? [
      "secretsmanager.${local.region}.${local.dns_suffix}",
    ] : [],
    length(local.parameter_arns) > 0 ? ["ssm.${local.region}.${local.dns_suffix}"] : [],
  )

  # Every statement the role may need; those without a resource are left out.
  candidate_statements = [
    {
      # GetAuthorizationToken has no resource type: "*" is the only resource it accepts.
      sid        = "EcrAuthorizationToken"
      actions    = ["ecr:GetAuthorizationToken"]
      resources  = local.minimal && length(local.repository_arns) > 0 ? ["*"] : []
      conditions = []
    },
    {
      sid        = "EcrPull"
      actions    = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
      resources  = local.minimal ? local.repository_arns : []
      conditions = []
    },
    {
      sid        = "LogsWrite"
      actions    = ["logs:CreateLogStream", "logs:PutLogEvents"]
      resources  = local.minimal ? ["${local.log_group_arn}:log-stream:*"] : []
      conditions = []
    },
    {
      sid        = "LogsCreateGroup"
      actions    = ["logs:CreateLogGroup"]
      resources  = false ? [local.log_group_arn] : []
      conditions = []
    },
    {
      sid        = "SecretsRead"
      actions    = ["secretsmanager:GetSecretValue"]
      resources  = local.secret_arns
      conditions = []
    },
    {
      sid        = "ParametersRead"
      actions    = ["ssm:GetParameters"]
      resources  = local.parameter_arns
      conditions = []
    },
    {
      sid        = "RegistryCredentialsRead"
      actions    = ["secretsmanager:GetSecretValue"]
      resources  = local.registry_credentials_arns
      conditions = []
    },
    {
      sid       = "KmsDecrypt"
      actions   = ["kms:Decrypt"]
      resources = length(local.kms_via_services) > 0 ? var.secrets_kms_key_arns : []
      conditions = [
        {
          test     = "StringEquals"
          variable = "kms:ViaService"
          values   = local.kms_via_services
        },
      ]
    },
  ]

  execution_statements = [for statement in local.candidate_statements : statement if length(statement.resources) > 0]

  # The containerDefinitions JSON: only what is set, environment and secrets sorted by name.
  container_definitions = [
    for c in var.containers : merge(
      {
        name                   = c.name
        image                  = c.image
        essential              = c.essential
        readonlyRootFilesystem = c.readonly_root_filesystem
        logConfiguration = {
          logDriver = "awslogs"
          options = {
            "awslogs-group"         = local.log_group_name
            "awslogs-region"        = local.region
            "awslogs-stream-prefix" = local.log_stream_prefix
          }
        }
      },
      c.cpu == null ? {} : { cpu = c.cpu },
      c.memory_mib == null ? {} : { memory = c.memory_mib },
      c.entry_point == null ? {} : { entryPoint = c.entry_point },
      c.command == null ? {} : { command = c.command },
      c.working_directory == null ? {} : { workingDirectory = c.working_directory },
      length(c.environment) == 0 ? {} : {
        environment = [for name in sort(keys(c.environment)) : { name = name, value = c.environment[name] }]
      },
      length(c.secrets) == 0 ? {} : {
        secrets = [for name in sort(keys(c.secrets)) : { name = name, valueFrom = c.secrets[name] }]
      },
      length(c.port_mappings) == 0 ? {} : {
        portMappings = [
          for port in c.port_mappings : merge(
            { containerPort = port.container_port, hostPort = port.container_port, protocol = port.protocol },
            port.name == null ? {} : { name = port.name },
          )
        ]
      },
      c.health_check == null ? {} : {
        healthCheck = {
          command     = c.health_check.command
          interval    = c.health_check.interval_seconds
          timeout     = c.health_check.timeout_seconds
          retries     = c.health_check.retries
          startPeriod = c.health_check.start_period_seconds
        }
      },
      length(c.depends_on) == 0 ? {} : {
        dependsOn = [for d in c.depends_on : { containerName = d.container_name, condition = d.condition }]
      },
      c.user == null ? {} : { user = c.user },
      c.stop_timeout_seconds == null ? {} : { stopTimeout = c.stop_timeout_seconds },
      length(c.ulimits) == 0 ? {} : {
        ulimits = [for u in c.ulimits : { name = u.name, softLimit = u.soft_limit, hardLimit = u.hard_limit }]
      },
      c.init_process_enabled ? { linuxParameters = { initProcessEnabled = true } } : {},
      c.repository_credentials_secret_arn == null ? {} : {
        repositoryCredentials = { credentialsParameter = c.repository_credentials_secret_arn }
      },
    )
  ]
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

resource "aws_iam_role" "execution" {
  count = local.create_execution_role ? 1 : 0

  name                 = local.execution_role_name
  path                 = var.role_path
  description          = "ECS task execution role: pulls images, writes logs and reads secrets for the ECS agent"
  assume_role_policy   = data.aws_iam_policy_document.assume_role.json
  permissions_boundary = var.role_permissions_boundary_arn
  max_session_duration = var.role_max_session_duration_seconds
  tags                 = var.role_tags
}

resource "aws_iam_role_policy_attachment" "execution_starter" {
  count = local.create_execution_role && var.execution_role_policy_mode == "starter" ? 1 : 0

  role       = aws_iam_role.execution[0].name
  policy_arn = "arn:${local.partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

data "aws_iam_policy_document" "execution" {
  count = length(local.execution_statements) > 0 ? 1 : 0

  dynamic "statement" {
    for_each = local.execution_statements

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

# What the containers use, on the created execution role or as a policy of its own on the given one.
resource "aws_iam_role_policy" "execution" {
  count = length(local.execution_statements) > 0 ? 1 : 0

  name   = local.create_execution_role ? "task-execution" : "task-definition-${var.family}"
  role   = local.create_execution_role ? aws_iam_role.execution[0].name : var.execution_role_name
  policy = data.aws_iam_policy_document.execution[0].json

  lifecycle {
    precondition {
      condition     = local.execution_policy_characters <= 10240
      error_message = <<-EOT
        The execution role policy of ${var.family} is ${local.execution_policy_characters} characters (whitespace
        excluded); IAM allows 10,240 for a role's inline policies together (on a given role, with the policies
        already there).
      EOT
    }
  }
}

# AWS size limits, checked at plan.
locals {
  # IAM counts a role's inline policies together, without whitespace: 10,240 characters.
  execution_policy_json = one(data.aws_iam_policy_document.execution[*].json)
  execution_policy_characters = (
    local.execution_policy_json == null ? 0 : length(replace(local.execution_policy_json, "/\\s/", ""))
  )
  # ECS allows 64 KiB for a task definition's container definitions.
  container_definitions_characters = length(jsonencode(local.container_definitions))
}

resource "aws_iam_role" "task" {
  count = local.create_task_role ? 1 : 0

  name                 = local.task_role_name
  path                 = var.role_path
  description          = "ECS task role: the permissions of the application in the container"
  assume_role_policy   = data.aws_iam_policy_document.assume_role.json
  permissions_boundary = var.role_permissions_boundary_arn
  max_session_duration = var.role_max_session_duration_seconds
  tags                 = var.role_tags
}

resource "aws_cloudwatch_log_group" "this" {
  count = local.create_log_group ? 1 : 0

  name              = local.log_group_name
  retention_in_days = var.log_retention_days
  kms_key_id        = var.log_kms_key_arn
  tags              = var.tags
}

resource "aws_ecs_task_definition" "this" {
  family                   = var.family
  cpu                      = var.cpu
  memory                   = var.memory_mib
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  execution_role_arn       = local.create_execution_role ? aws_iam_role.execution[0].arn : var.execution_role_arn
  task_role_arn            = local.create_task_role ? aws_iam_role.task[0].arn : var.task_role_arn
  container_definitions    = jsonencode(local.container_definitions)

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  dynamic "ephemeral_storage" {
    for_each = var.ephemeral_storage_gib == null ? [] : [var.ephemeral_storage_gib]

    content {
      size_in_gib = ephemeral_storage.value
    }
  }

  tags = var.tags

  lifecycle {
    precondition {
      condition     = local.container_definitions_characters <= 65536
      error_message = <<-EOT
        The container definitions of ${var.family} are ${local.container_definitions_characters} characters; ECS
        allows 64 KiB (65,536) for a task definition's container definitions. Move large values out of the
        environment (e.g. into SSM parameters or secrets).
      EOT
    }
  }
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
  # Names of environment variables that say they hold a credential (as src/aws/patterns.ts has it).
  credential_name_pattern = "(?i)pass(?:word|wd)?|secret|token|api[_-]?key|private[_-]?key|access[_-]?key|credential"
  ulimit_names = [
    "core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio",
    "rttime", "sigpending", "stack",
  ]
  # A container user's name or UID, and its group's name or GID (user = "<user>[:<group>]").
  user_or_group = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}"
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
  role_pattern = join("", [
    local.arn_partition_pattern, ":iam::\\d{12}:", "role/(?:${local.role_path_chars}+/)?[\\w+=,.@-]{1,64}$",
  ])
  secret_reference_pattern = join("", [
    local.arn_partition_pattern, ":secretsmanager:", local.arn_region_pattern, ":\\d{12}:",
    "secret:[A-Za-z0-9/_+=.@-]{1,512}-[A-Za-z0-9]{6}(?::[^:]*:[^:]*:[^:]*)?$",
  ])
  # Fargate's memory sizes (MiB) for each CPU size.
  fargate_memory_mib = {
    "256"   = [512, 1024, 2048]
    "512"   = range(1024, 4097, 1024)
    "1024"  = range(2048, 8193, 1024)
    "2048"  = range(4096, 16385, 1024)
    "4096"  = range(8192, 30721, 1024)
    "8192"  = range(16384, 61441, 4096)
    "16384" = range(32768, 122881, 8192)
  }
  managed_policy_pattern = join("", [
    local.arn_partition_pattern, ":iam::(?:\\d{12}|aws):", "policy/(?:${local.role_path_chars}+/)?[\\w+=,.@-]{1,128}$",
  ])
}
