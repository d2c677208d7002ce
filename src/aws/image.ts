import { Token } from 'cdktf';
import { formatArn } from './arn';

/** Where a container image comes from, and so what the execution role needs to pull it. */
export type ImageSource =
  | {
      /** A private ECR repository: the execution role needs pull permission on it. */
      readonly kind: 'ecr';
      readonly account: string;
      readonly region: string;
      readonly partition: string;
      readonly repository: string;
      /** The repository's ARN, to grant pull on. */
      readonly repositoryArn: string;
      readonly tag?: string;
      readonly digest?: string;
    }
  | {
      /** A public registry (ECR Public, Docker Hub) or another registry: no IAM permission. */
      readonly kind: 'ecr-public' | 'docker-hub' | 'other-registry';
      /** The registry host (`docker.io` for Docker Hub). */
      readonly registry: string;
      readonly repository: string;
      readonly tag?: string;
      readonly digest?: string;
    };

// The reference grammar of the distribution spec: lowercase path components separated by
// `/`, each of alphanumerics joined by `.`, `_`, `__` or `-`; a tag; a digest.
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[A-Fa-f0-9]{32,}$/;
const HOST =
  /^(?:localhost|[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*)(?::\d{1,5})?$/;
const ECR_HOST =
  /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z]{2}(?:-[a-z]+)+-\d{1,2})\.(amazonaws\.com(?:\.cn)?|on\.aws)$/;
const DOCKER_HUB_HOSTS = ['docker.io', 'index.docker.io', 'registry-1.docker.io'];

/** The partition of a region: `cn-*` is `aws-cn`, `us-gov-*` is `aws-us-gov`. */
export function partitionOfRegion(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * Parses a container image reference — `[registry/]repository[:tag][@digest]` — and says where
 * it comes from. Returns a reason string for a malformed reference, and undefined for a
 * Terraform expression (its value is known only at apply).
 *
 * @example parseImage('123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.2') // kind 'ecr'
 */
export function parseImage(image: string): ImageSource | string | undefined {
  if (Token.isUnresolved(image)) return undefined;
  if (typeof image !== 'string' || image.length === 0) return 'is empty';
  if (/\s/.test(image)) return 'contains white space';

  const [nameAndTag, digest, ...extra] = image.split('@');
  if (extra.length > 0) return 'has more than one "@"';
  if (digest !== undefined && !DIGEST.test(digest)) return `has a malformed digest "${digest}"`;

  const slash = nameAndTag.indexOf('/');
  const first = slash < 0 ? '' : nameAndTag.slice(0, slash);
  const hasRegistry = first.includes('.') || first.includes(':') || first === 'localhost';
  const registry = hasRegistry ? first : 'docker.io';
  if (hasRegistry && !HOST.test(registry)) return `has a malformed registry "${registry}"`;
  const pathAndTag = hasRegistry ? nameAndTag.slice(slash + 1) : nameAndTag;

  const colon = pathAndTag.lastIndexOf(':');
  const path = colon < 0 ? pathAndTag : pathAndTag.slice(0, colon);
  const tag = colon < 0 ? undefined : pathAndTag.slice(colon + 1);
  if (tag !== undefined && !TAG.test(tag)) return `has a malformed tag "${tag}"`;
  const components = path.split('/');
  const bad = components.find((c) => !PATH_COMPONENT.test(c));
  if (bad !== undefined) {
    return `has a malformed repository "${path}" (components are lowercase letters and digits joined by . _ __ or -)`;
  }

  const version = { ...(tag !== undefined && { tag }), ...(digest !== undefined && { digest }) };
  const ecr = ECR_HOST.exec(registry);
  // A private ECR host that does not parse (an account of 10 digits, a made-up region) would
  // otherwise pass as a third-party registry, and the execution role would get no pull permission.
  if (!ecr && /\.dkr\.ecr(?:-fips)?\.[^.]+\.(?:amazonaws\.com(?:\.cn)?|on\.aws)$/.test(registry)) {
    return `has an ECR registry "${registry}" that is not <12-digit account>.dkr.ecr.<region>.amazonaws.com`;
  }
  if (ecr) {
    const [, account, region] = ecr;
    const partition = partitionOfRegion(region);
    return {
      kind: 'ecr',
      account,
      region,
      partition,
      repository: path,
      repositoryArn: formatArn({
        partition,
        service: 'ecr',
        region,
        account,
        resource: `repository/${path}`,
      }),
      ...version,
    };
  }
  if (DOCKER_HUB_HOSTS.includes(registry)) {
    const repository = components.length === 1 ? `library/${path}` : path;
    return { kind: 'docker-hub', registry: 'docker.io', repository, ...version };
  }
  const kind = registry === 'public.ecr.aws' ? 'ecr-public' : 'other-registry';
  return { kind, registry, repository: path, ...version };
}
