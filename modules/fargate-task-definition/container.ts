import { Token } from 'cdktf';
import { ArnKinds, checkArn } from '../../src/aws/arn';
import { parseImage } from '../../src/aws/image';
import { checkSecretReference } from '../../src/aws/secrets';
import { HIDDEN, type Problems } from '../../src/errors';
import { checkInteger, checkOneOf, checkRule } from '../../src/validation';
import {
  CONTAINER_USER,
  CONTAINER_WORKING_DIRECTORY,
  CREDENTIAL_NAME,
  Patterns,
} from '../../src/aws/patterns';
import { Ranges } from '../../src/aws/ranges';

/** A port the container listens on (awsvpc: the host port is the container port). */
export interface PortMapping {
  readonly containerPort: number;
  /** @default 'tcp' */
  readonly protocol?: 'tcp' | 'udp';
  /** @default - unnamed */
  readonly name?: string;
}

/** A container health check; ECS marks the container unhealthy after `retries` failures. */
export interface HealthCheck {
  /** E.g. `['CMD-SHELL', 'curl -f http://localhost/ || exit 1']`. */
  readonly command: readonly string[];
  /** 5 to 300. @default 30 */
  readonly intervalSeconds?: number;
  /** 2 to 120. @default 5 */
  readonly timeoutSeconds?: number;
  /** 1 to 10. @default 3 */
  readonly retries?: number;
  /** 0 to 300. @default 0 */
  readonly startPeriodSeconds?: number;
}

/** Start this container only after another reaches a condition. */
export interface ContainerDependency {
  readonly containerName: string;
  readonly condition: 'START' | 'COMPLETE' | 'SUCCESS' | 'HEALTHY';
}

/** A resource limit (`ulimit`). */
export interface Ulimit {
  readonly name: string;
  readonly softLimit: number;
  readonly hardLimit: number;
}

/** One container of a Fargate task definition. */
export interface ContainerDefinition {
  /** 1 to 255 letters, digits, `-` and `_`. */
  readonly name: string;
  /**
   * Image reference: `<account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>` (the
   * execution role gets pull on exactly that repository), or a public image (`nginx:1.27`,
   * `public.ecr.aws/...`), which needs no permission.
   */
  readonly image: string;
  /**
   * ECR repository to grant pull on when `image` is a Terraform expression the construct
   * cannot parse at synth.
   *
   * @default - derived from `image`
   */
  readonly repositoryArn?: string;
  /** @default - the image's CMD */
  readonly command?: readonly string[];
  /** @default - the image's ENTRYPOINT */
  readonly entryPoint?: readonly string[];
  /**
   * Plain environment variables. Names that look like credentials (password, secret, token,
   * api key, private key, access key) may not hold literal values: use `secrets`.
   *
   * @default - none
   */
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * Environment variables read from Secrets Manager (secret ARN, optionally with
   * `:json-key:version-stage:version-id`) or SSM Parameter Store (parameter ARN) when the
   * task starts. The execution role gets read on exactly these.
   *
   * @default - none
   */
  readonly secrets?: Readonly<Record<string, string>>;
  /** @default - none */
  readonly portMappings?: readonly PortMapping[];
  /** @default - none */
  readonly healthCheck?: HealthCheck;
  /**
   * Whether the task stops when this container stops; at least one container is essential.
   *
   * @default true
   */
  readonly essential?: boolean;
  /** @default - none */
  readonly dependsOn?: readonly ContainerDependency[];
  /**
   * Mount the root filesystem read-only.
   *
   * @default true
   */
  readonly readonlyRootFilesystem?: boolean;
  /** @default - the image's USER */
  readonly user?: string;
  /** Seconds to wait before the container is killed when the task stops, 2 to 120. @default 30 */
  readonly stopTimeoutSeconds?: number;
  /** @default - Fargate's defaults */
  readonly ulimits?: readonly Ulimit[];
  /** Run an init process (reaps zombies, forwards signals). @default false */
  readonly initProcessEnabled?: boolean;
  /** @default - the image's WORKDIR */
  readonly workingDirectory?: string;
  /**
   * Secrets Manager secret with the credentials of a private (non-ECR) registry.
   *
   * @default - none
   */
  readonly repositoryCredentialsSecretArn?: string;
  /** CPU units reserved for this container. @default - shares the task's CPU */
  readonly cpu?: number;
  /** Hard memory limit of this container, MiB. @default - the task's memory */
  readonly memoryMiB?: number;
}

const ULIMIT_NAMES = [
  'core',
  'cpu',
  'data',
  'fsize',
  'locks',
  'memlock',
  'msgqueue',
  'nice',
  'nofile',
  'nproc',
  'rss',
  'rtprio',
  'rttime',
  'sigpending',
  'stack',
];

/** Records every problem of one container's definition (not those between containers). */
export function checkContainer(
  problems: Problems,
  at: string,
  container: ContainerDefinition,
): void {
  checkRule(problems, `${at}.name`, container.name, Patterns.ecsName);
  const image = parseImage(container.image);
  if (typeof image === 'string') {
    problems.add({
      property: `${at}.image`,
      received: container.image,
      reason: image,
      allowed:
        'an image reference [registry/]repository[:tag][@digest], e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.2 or nginx:1.27',
    });
  }
  checkArn(problems, `${at}.repositoryArn`, container.repositoryArn, ArnKinds.ecrRepository);
  checkArn(
    problems,
    `${at}.repositoryCredentialsSecretArn`,
    container.repositoryCredentialsSecretArn,
    ArnKinds.secretsManagerSecret,
  );
  checkEnvironment(problems, at, container);
  container.portMappings?.forEach((port, i) => {
    checkInteger(problems, `${at}.portMappings[${i}].containerPort`, port.containerPort, 1, 65535);
    checkOneOf(problems, `${at}.portMappings[${i}].protocol`, port.protocol, ['tcp', 'udp']);
  });
  const health = container.healthCheck;
  if (health) {
    if (!Token.isUnresolved(health.command)) {
      problems.check(Array.isArray(health.command) && health.command.length > 0, {
        property: `${at}.healthCheck.command`,
        received: health.command,
        allowed: 'a non-empty command, e.g. ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]',
      });
    }
    checkInteger(problems, `${at}.healthCheck.intervalSeconds`, health.intervalSeconds, 5, 300);
    checkInteger(problems, `${at}.healthCheck.timeoutSeconds`, health.timeoutSeconds, 2, 120);
    checkInteger(problems, `${at}.healthCheck.retries`, health.retries, 1, 10);
    checkInteger(
      problems,
      `${at}.healthCheck.startPeriodSeconds`,
      health.startPeriodSeconds,
      0,
      300,
    );
  }
  checkInteger(
    problems,
    `${at}.stopTimeoutSeconds`,
    container.stopTimeoutSeconds,
    ...Ranges.containerStopTimeoutSeconds,
  );
  checkRule(problems, `${at}.user`, container.user, CONTAINER_USER);
  checkRule(
    problems,
    `${at}.workingDirectory`,
    container.workingDirectory,
    CONTAINER_WORKING_DIRECTORY,
  );
  container.dependsOn?.forEach((dependency, i) =>
    checkOneOf(problems, `${at}.dependsOn[${i}].condition`, dependency.condition, [
      'START',
      'COMPLETE',
      'SUCCESS',
      'HEALTHY',
    ]),
  );
  container.ulimits?.forEach((ulimit, i) => {
    checkOneOf(problems, `${at}.ulimits[${i}].name`, ulimit.name, ULIMIT_NAMES);
    problems.check(ulimit.softLimit <= ulimit.hardLimit, {
      property: `${at}.ulimits[${i}]`,
      received: ulimit,
      reason: 'has a soft limit above its hard limit',
      allowed: 'softLimit ≤ hardLimit',
    });
  });
}

function checkEnvironment(problems: Problems, at: string, container: ContainerDefinition): void {
  const environment = container.environment ?? {};
  const secrets = container.secrets ?? {};
  for (const [name, value] of Object.entries(environment)) {
    checkRule(problems, `${at}.environment key`, name, Patterns.environmentName);
    const literal =
      typeof value === 'string' &&
      !Token.isUnresolved(value) &&
      value !== '' &&
      !value.startsWith('arn:');
    problems.check(!(CREDENTIAL_NAME.test(name) && literal), {
      property: `${at}.environment["${name}"]`,
      received: HIDDEN,
      reason: 'looks like a credential held in a plain environment variable',
      allowed: `move it to secrets: { ${name}: '<Secrets Manager secret ARN or SSM parameter ARN>' } so that it is fetched when the task starts and never stored in the task definition`,
    });
  }
  for (const [name, valueFrom] of Object.entries(secrets)) {
    checkRule(problems, `${at}.secrets key`, name, Patterns.environmentName);
    checkSecretReference(problems, `${at}.secrets["${name}"]`, valueFrom);
    problems.check(!(name in environment), {
      property: `${at}.secrets["${name}"]`,
      received: name,
      reason: 'is also set in environment',
      allowed: 'each variable in either environment or secrets',
    });
  }
}
