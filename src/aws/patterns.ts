// Every string constraint of the project, written once for TypeScript: the settings schema, the
// constructs' validation and the runner's own checks all read them from here. (The Terraform
// modules' variable validations are HCL and RE2: they carry their own copies.) Dependency-free
// (no cdktf, no schema library): the runner's Lambda bundle imports this file.

/** A constraint on a string: the pattern it must match and how to say what is allowed. */
export interface StringRule {
  readonly pattern: RegExp;
  /** What is allowed, in words a user can act on: `a subnet ID such as "subnet-0123…"`. */
  readonly allowed: string;
}

/** EC2 resource IDs: the prefix, then 8 or 17 hexadecimal digits. */
const ec2Id = (prefix: string, what: string): StringRule => ({
  pattern: new RegExp(`^${prefix}-[0-9a-f]{8,17}$`),
  allowed: `${what} such as "${prefix}-0123456789abcdef0"`,
});

/** The regions of the commercial, China and GovCloud partitions. */
export const AWS_REGIONS: readonly string[] = [
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'cn-north-1',
  'cn-northwest-1',
  'us-gov-east-1',
  'us-gov-west-1',
];

/** The string constraints, by what they constrain. */
export const Patterns = {
  subnetId: ec2Id('subnet', 'a subnet ID'),
  securityGroupId: ec2Id('sg', 'a security group ID'),
  vpcId: ec2Id('vpc', 'a VPC ID'),
  accountId: { pattern: /^\d{12}$/, allowed: 'a 12-digit AWS account ID' },
  /** The shape of a region name; {@link AWS_REGIONS} lists the ones that exist. */
  regionShape: {
    pattern: /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/,
    allowed: 'an AWS region such as "eu-west-1"',
  },
  /** ECS cluster names, task definition families and container names. */
  ecsName: { pattern: /^[A-Za-z0-9_-]{1,255}$/, allowed: '1 to 255 letters, digits, - and _' },
  /** The names invocations use for a runner's tasks (the keys of its allow-list). */
  runnerTaskName: { pattern: /^[A-Za-z0-9_-]{1,64}$/, allowed: '1 to 64 letters, digits, - and _' },
  /** Lambda function names (without ARN or qualifier). */
  functionName: { pattern: /^[A-Za-z0-9_-]{1,64}$/, allowed: '1 to 64 letters, digits, - and _' },
  roleName: {
    pattern: /^[\w+=,.@-]{1,64}$/,
    allowed: '1 to 64 characters of letters, digits and +=,.@_-',
  },
  /** Names of a container's environment variables and secrets. */
  environmentName: {
    pattern: /^[A-Za-z_][A-Za-z0-9_]*$/,
    allowed: 'letters, digits and _, not starting with a digit',
  },
  /** ECS task `group` of the runner's tasks (what the task-failures rule matches on). */
  taskGroup: {
    pattern: /^[A-Za-z0-9_:./-]{1,255}$/,
    allowed: '1 to 255 letters, digits and _:./-, e.g. "runner:my-runner"',
  },
  /** ECS `startedBy`: up to 128 letters, numbers, hyphens, forward slashes and underscores. */
  startedBy: {
    pattern: /^[A-Za-z0-9_/-]{1,128}$/,
    allowed: '1 to 128 letters, digits, -, / and _',
  },
  tagKey: {
    pattern: /^(?![aA][wW][sS]:)[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u,
    allowed: '1 to 128 letters, digits, spaces and _.:/=+-@, not starting with "aws:"',
  },
  tagValue: {
    pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u,
    allowed: 'up to 256 letters, digits, spaces and _.:/=+-@',
  },
} as const satisfies Record<string, StringRule>;

/**
 * IAM paths of roles. IAM accepts `*` and `?` in a path, but a role's ARN in policies
 * (PassRole) would then be a pattern matching other roles. (Not in {@link Patterns}: the
 * runner's bundle has no use for it.)
 */
export const ROLE_PATH: StringRule = {
  pattern: /^(?!.*\/\/)\/(?:[\x21-\x29\x2B-\x3E\x40-\x7E]{1,510}\/)?$/,
  allowed:
    '"/" or a path that starts and ends with "/", up to 512 printable ASCII characters other than * and ?, e.g. "/ecs/"',
};

/**
 * A container's `user`: a user name or UID, optionally with a group name or GID (`app`,
 * `1000:1000`). (Not in {@link Patterns}, like the rules below: the runner has no use for them.)
 */
export const CONTAINER_USER: StringRule = {
  pattern: /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,254})?$/,
  allowed:
    'a user name or UID, optionally with ":" and a group name or GID, e.g. "app" or "1000:1000"',
};

/** A container's working directory: an absolute path. */
export const CONTAINER_WORKING_DIRECTORY: StringRule = {
  pattern: /^\/[\x21-\x7E]*$/,
  allowed: 'an absolute path of printable ASCII characters without spaces, e.g. "/app"',
};

/** Names of settings and variables that hold credentials: their values are never shown. */
export const CREDENTIAL_NAME =
  /pass(?:word|wd)?|secret|token|api[_-]?key|private[_-]?key|access[_-]?key|credential/i;

/**
 * What a value looks like when it is a credential, judged by the value alone. Each pattern runs
 * in time linear in the value (a URL's scheme starts only where a run of scheme characters
 * starts), so a 64 KiB environment value is judged in microseconds.
 */
const CREDENTIAL_VALUE_SHAPES: ReadonlyArray<readonly [RegExp, string]> = [
  [/(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])/, 'an AWS access key ID'],
  [/(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, 'a URL with a password'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
];

/** What the value looks like when it is a credential (see {@link CREDENTIAL_VALUE_SHAPES}), or undefined. */
export function credentialShape(value: string): string | undefined {
  return CREDENTIAL_VALUE_SHAPES.find(([shape]) => shape.test(value))?.[1];
}

/** Whether a value looks like a credential: an AWS access key ID, a private key, a URL with a password. */
export const looksLikeCredential = (value: string): boolean => credentialShape(value) !== undefined;

/** Whether a string holds an IAM wildcard (`*` or `?`): a pattern, not one exact resource. */
export const hasWildcard = (value: string): boolean => /[*?]/.test(value);
