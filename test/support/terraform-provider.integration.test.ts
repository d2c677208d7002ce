// The stand-in hashicorp/aws provider plugin (test/support/terraform-provider/) against the real
// Terraform CLI: Terraform must report schema errors through it as it would through the real
// provider, and plan, apply and re-plan a small stack offline.
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AWS_ROOT_CONFIG,
  INSTALL_DIR,
  runTerraform,
  standInProvider,
  type StandInProvider,
} from './terraform';

interface Attribute {
  name: string;
  type?: unknown;
  required: boolean;
  optional: boolean;
  computed: boolean;
}
interface NestedBlock {
  type_name: string;
  nesting: string;
  min_items: number;
  max_items: number;
  block: Block;
}
interface Block {
  attributes: Attribute[];
  block_types: NestedBlock[];
}

// One installation shared by every run and by scripts/verify-terraform (keyed by content: a
// no-op when up to date).
let installed: StandInProvider;
const dirs: string[] = [];

beforeAll(() => {
  installed = standInProvider();
});
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const terraform = runTerraform;

const HEADER = AWS_ROOT_CONFIG;

/** A temp dir with `main.tf`, initialised against the stand-in. */
function workspace(config: string, header = HEADER): string {
  const dir = mkdtempSync(join(tmpdir(), 'tf-stand-in-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'main.tf'), header + config);
  const init = terraform(dir, [
    'init',
    `-plugin-dir=${installed.pluginDir}`,
    '-input=false',
    '-no-color',
  ]);
  expect(init.stderr).toBe('');
  expect(init.status).toBe(0);
  return dir;
}

function readSchema(): { resources: Map<string, Block>; dataSources: Map<string, Block> } {
  const resources = new Map<string, Block>();
  const dataSources = new Map<string, Block>();
  const lines = readFileSync(installed.schemaFile, 'utf8').trim().split('\n').slice(1);
  for (const line of lines) {
    const { k, s } = JSON.parse(line) as { k: string; s: Block };
    (k.startsWith('r:') ? resources : dataSources).set(k.slice(2), s);
  }
  return { resources, dataSources };
}

describe('installation', () => {
  test('binds the provider version of the installed bindings', () => {
    const bindings = readFileSync(
      require.resolve('@cdktf/provider-aws/lib/provider/index.js'),
      'utf8',
    );
    expect(bindings).toContain(`providerVersion: '${installed.version}'`);
    const plugin = join(
      installed.pluginDir,
      `registry.terraform.io/hashicorp/aws/${installed.version}/linux_amd64`,
      `terraform-provider-aws_v${installed.version}`,
    );
    expect(readFileSync(plugin, 'utf8')).toMatch(/^#!\/bin\/sh\n.*exec /);
    expect(readFileSync(installed.cliConfigFile, 'utf8')).toContain(
      `path    = ${JSON.stringify(installed.pluginDir)}`,
    );
  });

  test('a second install is a no-op with the same paths', () => {
    const again = JSON.parse(
      execFileSync(process.execPath, ['test/support/terraform-provider/install.mjs', INSTALL_DIR], {
        encoding: 'utf8',
      }),
    ) as StandInProvider & { ms: number };
    const { ms: _ms, ...paths } = again;
    const { ms: _first, ...firstPaths } = installed as StandInProvider & { ms: number };
    expect(paths).toEqual(firstPaths);
  });

  test('writes real paths: a linked directory is the same installation, a copy is installed again', () => {
    const install = (dir: string) =>
      JSON.parse(
        execFileSync(process.execPath, ['test/support/terraform-provider/install.mjs', dir], {
          encoding: 'utf8',
        }),
      ) as StandInProvider;
    const elsewhere = realpathSync(mkdtempSync(join(tmpdir(), 'stand-in-install-')));
    try {
      // A checkout whose node_modules links to this one's reaches the installation by a link.
      symlinkSync(INSTALL_DIR, join(elsewhere, 'link'));
      expect(install(join(elsewhere, 'link')).pluginDir).toBe(installed.pluginDir);
      expect(installed.pluginDir).toBe(join(realpathSync(INSTALL_DIR), 'plugins'));
      // A copy carries the original's stamp, but its files would name the original's paths.
      cpSync(INSTALL_DIR, join(elsewhere, 'copy'), { recursive: true, verbatimSymlinks: true });
      const copy = install(join(elsewhere, 'copy'));
      expect(copy.pluginDir).toBe(join(elsewhere, 'copy', 'plugins'));
      expect(readFileSync(copy.cliConfigFile, 'utf8')).toContain(
        `path    = ${JSON.stringify(copy.pluginDir)}`,
      );
      expect(readFileSync(copy.cliConfigFile, 'utf8')).not.toContain(installed.pluginDir);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});

describe('generated schema', () => {
  let schema: ReturnType<typeof readSchema>;
  beforeAll(() => {
    schema = readSchema();
  });
  const attr = (block: Block, name: string) => block.attributes.find((a) => a.name === name);
  const nested = (block: Block, name: string) =>
    block.block_types.find((b) => b.type_name === name);

  test('has every resource and data source of the bindings', () => {
    expect(schema.resources.size).toBeGreaterThan(1500);
    expect(schema.dataSources.size).toBeGreaterThan(600);
  });

  test('aws_ecs_task_definition', () => {
    const b = schema.resources.get('aws_ecs_task_definition') as Block;
    expect(attr(b, 'container_definitions')).toMatchObject({
      type: 'string',
      required: true,
      computed: false,
    });
    expect(attr(b, 'arn')).toMatchObject({
      type: 'string',
      required: false,
      optional: false,
      computed: true,
    });
    expect(attr(b, 'id')).toMatchObject({ optional: true, computed: true });
    expect(attr(b, 'requires_compatibilities')).toMatchObject({ type: ['set', 'string'] });
    expect(nested(b, 'runtime_platform')).toMatchObject({
      nesting: 'list',
      min_items: 0,
      max_items: 1,
    });
    expect(nested(b, 'volume')).toMatchObject({ nesting: 'set', max_items: 0 });
  });

  test('aws_iam_role and aws_lambda_function', () => {
    const role = schema.resources.get('aws_iam_role') as Block;
    expect(nested(role, 'inline_policy')).toMatchObject({ nesting: 'set' });
    expect(attr(role, 'assume_role_policy')).toMatchObject({ required: true });
    const fn = schema.resources.get('aws_lambda_function') as Block;
    const environment = nested(fn, 'environment') as NestedBlock;
    expect(environment).toMatchObject({ nesting: 'list', max_items: 1 });
    expect(attr(environment.block, 'variables')).toMatchObject({ type: ['map', 'string'] });
    expect(nested(fn, 'timeouts')).toMatchObject({ nesting: 'single' });
  });

  test('blocks required by the provider have min_items 1', () => {
    const filter = schema.resources.get('aws_cloudwatch_log_metric_filter') as Block;
    expect(nested(filter, 'metric_transformation')).toMatchObject({ min_items: 1, max_items: 1 });
  });
});

describe('Terraform validates through the stand-in', () => {
  let diagnostics: { summary: string; detail: string; snippet?: { code: string } }[];
  beforeAll(() => {
    // One configuration, one mistake per resource: `terraform validate` reports them all.
    const dir = workspace(`
resource "aws_lambda_function" "block_as_attribute" {
  function_name = "f"
  role          = "r"
  environment = {
    variables = {}
  }
}

resource "aws_iam_role" "attribute_as_block" {
  name = "a"
  assume_role_policy {
    Version = "2012-10-17"
  }
}

resource "aws_lambda_function" "wrong_type" {
  function_name = "f"
  role          = "r"
  timeout       = "soon"
}

resource "aws_iam_role" "unknown_argument" {
  assume_role_policy = "{}"
  colour             = "blue"
}

resource "aws_iam_role_policy" "missing_argument" {
  name = "p"
  role = "r"
}

resource "aws_cloudwatch_log_metric_filter" "missing_block" {
  name           = "n"
  pattern        = ""
  log_group_name = "g"
}

resource "aws_iam_role" "computed_only" {
  assume_role_policy = "{}"
  arn                = "arn:aws:iam::111122223333:role/x"
}
`);
    const result = terraform(dir, ['validate', '-json', '-no-color']);
    expect(result.status).toBe(1);
    const out = JSON.parse(result.stdout) as { valid: boolean; diagnostics: typeof diagnostics };
    expect(out.valid).toBe(false);
    diagnostics = out.diagnostics;
  });
  const find = (summary: string, detail: RegExp) =>
    diagnostics.find((d) => d.summary === summary && detail.test(d.detail));

  test('a block written as an attribute', () => {
    expect(
      find(
        'Unsupported argument',
        /^An argument named "environment" is not expected here\. Did you mean to define a block of type "environment"\?$/,
      ),
    ).toBeDefined();
  });

  test('an attribute written as a block', () => {
    expect(
      find(
        'Unsupported block type',
        /^Blocks of type "assume_role_policy" are not expected here\. Did you mean to define argument "assume_role_policy"\? If so, use the equals sign to assign it a value\.$/,
      ),
    ).toBeDefined();
  });

  test('a wrong type', () => {
    expect(
      find(
        'Incorrect attribute value type',
        /^Inappropriate value for attribute "timeout": a number is required\.$/,
      ),
    ).toBeDefined();
  });

  test('an unknown argument', () => {
    expect(
      find('Unsupported argument', /^An argument named "colour" is not expected here\.$/),
    ).toBeDefined();
  });

  test('a missing required argument', () => {
    expect(
      find(
        'Missing required argument',
        /^The argument "policy" is required, but no definition was found\.$/,
      ),
    ).toBeDefined();
  });

  test('a missing required block', () => {
    expect(
      find(
        'Insufficient metric_transformation blocks',
        /^At least 1 "metric_transformation" blocks are required\.$/,
      ),
    ).toBeDefined();
  });

  test('a value set on a computed-only attribute', () => {
    expect(
      find(
        'Value for unconfigurable attribute',
        /^Can't configure a value for "arn": its value will be decided automatically based on the result of applying this configuration\.$/,
      ),
    ).toBeDefined();
  });
});

describe('Terraform plans and applies through the stand-in', () => {
  const CONFIG = `
data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

data "aws_iam_policy_document" "trust" {
  statement {
    sid     = "LambdaAssumeRole"
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

data "aws_iam_policy_document" "logs" {
  statement {
    sid       = "WriteLogs"
    actions   = ["logs:PutLogEvents", "logs:CreateLogStream"]
    resources = ["arn:\${data.aws_partition.current.partition}:logs:\${data.aws_region.current.region}:\${data.aws_caller_identity.current.account_id}:log-group:/aws/lambda/runner:*"]
  }
  statement {
    sid       = "PassRole"
    actions   = ["iam:PassRole"]
    resources = ["arn:aws:iam::111122223333:role/b", "arn:aws:iam::111122223333:role/a"]
    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["ecs-tasks.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "rules" {
  statement {
    effect      = "Deny"
    not_actions = ["s3:GetObject"]
    resources   = ["arn:aws:s3:::b/&{aws:username}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "StringLike"
      variable = "aws:userid"
      values   = ["b", "a"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root"]
    }
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

output "rules" {
  value = data.aws_iam_policy_document.rules.minified_json
}

resource "aws_iam_role" "this" {
  name               = "runner"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

resource "aws_iam_role_policy" "this" {
  name   = "logs"
  role   = aws_iam_role.this.name
  policy = data.aws_iam_policy_document.logs.json
}

resource "aws_lambda_function" "this" {
  function_name = "runner"
  role          = aws_iam_role.this.arn
  handler       = "index.handler"
  runtime       = "nodejs22.x"
  filename      = "code.zip"
  tags = {
    Name = "runner"
  }
  environment {
    variables = {
      LOG_LEVEL = "info"
    }
  }
}
`;

  interface Change {
    address: string;
    change: { after: Record<string, unknown>; after_unknown: Record<string, unknown> };
  }
  let dir: string;
  let changes: Map<string, Change>;
  let outputs: Record<string, { value: unknown }>;
  beforeAll(() => {
    dir = workspace(
      CONFIG,
      HEADER.replace(
        'region = "eu-west-1"',
        'region = "eu-west-1"\n  default_tags {\n    tags = { environment = "test" }\n  }',
      ),
    );
    const plan = terraform(dir, ['plan', '-input=false', '-no-color', '-out=tfplan']);
    expect(plan.stderr).toBe('');
    expect(plan.status).toBe(0);
    const show = terraform(dir, ['show', '-json', 'tfplan']);
    expect(show.status).toBe(0);
    const json = JSON.parse(show.stdout) as {
      resource_changes: Change[];
      planned_values: { outputs: typeof outputs };
    };
    changes = new Map(json.resource_changes.map((c) => [c.address, c]));
    outputs = json.planned_values.outputs;
  });

  test('computed attributes are unknown in the plan, configured ones known', () => {
    const fn = changes.get('aws_lambda_function.this') as Change;
    expect(fn.change.after).toMatchObject({
      function_name: 'runner',
      handler: 'index.handler',
      environment: [{ variables: { LOG_LEVEL: 'info' } }],
      region: 'eu-west-1',
      // The provider's default_tags merged with the resource's tags, known at plan time.
      tags_all: { environment: 'test', Name: 'runner' },
    });
    expect(fn.change.after_unknown).toMatchObject({
      arn: true,
      id: true,
      invoke_arn: true,
      role: true,
      version: true,
    });
    const role = changes.get('aws_iam_role.this') as Change;
    expect(role.change.after_unknown).toMatchObject({ arn: true, id: true, unique_id: true });
    expect(role.change.after.name).toBe('runner');
  });

  test('policy documents render as the provider renders them', () => {
    const role = changes.get('aws_iam_role.this') as Change;
    expect(JSON.parse(role.change.after.assume_role_policy as string)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'LambdaAssumeRole',
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Principal: { Service: 'lambda.amazonaws.com' },
          Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } },
        },
      ],
    });
    const policy = (changes.get('aws_iam_role_policy.this') as Change).change.after
      .policy as string;
    expect(JSON.parse(policy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'WriteLogs',
          Effect: 'Allow',
          Action: ['logs:PutLogEvents', 'logs:CreateLogStream'],
          Resource: 'arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/runner:*',
        },
        {
          Sid: 'PassRole',
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: ['arn:aws:iam::111122223333:role/b', 'arn:aws:iam::111122223333:role/a'],
          Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
        },
      ],
    });
    // The provider's key order and indentation (Go's encoding/json, MarshalIndent "  ").
    expect(policy.split('\n').slice(0, 6)).toEqual([
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      '    {',
      '      "Sid": "WriteLogs",',
      '      "Effect": "Allow",',
    ]);
  });

  test('principals, conditions, NotAction and policy variables as the provider renders them', () => {
    const rules = outputs.rules.value as string;
    expect(rules).not.toContain('\n');
    const doc = JSON.parse(rules) as { Statement: Record<string, unknown>[] };
    expect(doc).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          NotAction: 's3:GetObject',
          Resource: 'arn:aws:s3:::b/${aws:username}/*',
          Principal: '*',
          Condition: {
            Bool: { 'aws:SecureTransport': 'false' },
            StringLike: { 'aws:userid': ['b', 'a'] },
          },
        },
        {
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Principal: {
            AWS: ['arn:aws:iam::444455556666:root', 'arn:aws:iam::111122223333:root'],
            Service: 'ecs-tasks.amazonaws.com',
          },
        },
      ],
    });
    expect(Object.keys(doc.Statement[0])).toEqual([
      'Effect',
      'NotAction',
      'Resource',
      'Principal',
      'Condition',
    ]);
    expect(Object.keys(doc.Statement[0].Condition as object)).toEqual(['Bool', 'StringLike']);
  });

  test('apply succeeds and a second plan has no changes', () => {
    const apply = terraform(dir, ['apply', '-input=false', '-no-color', 'tfplan']);
    expect(apply.stderr).toBe('');
    expect(apply.status).toBe(0);
    const state = JSON.parse(terraform(dir, ['show', '-json']).stdout) as {
      values: {
        root_module: { resources: { address: string; values: Record<string, unknown> }[] };
      };
    };
    const fn = state.values.root_module.resources.find(
      (r) => r.address === 'aws_lambda_function.this',
    );
    expect(fn?.values).toMatchObject({
      arn: 'arn:aws:lambda:eu-west-1:111122223333:function:runner',
      role: 'arn:aws:iam::111122223333:role/runner',
    });
    const again = terraform(dir, ['plan', '-input=false', '-no-color', '-detailed-exitcode']);
    expect(again.stderr).toBe('');
    expect(again.stdout).toContain('No changes.');
    expect(again.status).toBe(0);
  });
});
