/**
 * The GitHub owner (user or organization) of the repository the release workflow publishes
 * to. A placeholder: set it once the repository has its public home (the generated READMEs'
 * `source` URLs use it).
 */
export const GITHUB_OWNER_PLACEHOLDER = 'OWNER';

/** The GitHub repository the release workflow publishes to. */
export const REPOSITORY = `https://github.com/${GITHUB_OWNER_PLACEHOLDER}/cdktf-fargate-runner`;

/** The release version the generated usage examples pin to. */
export const RELEASE_TAG = 'v0.1.0';

/**
 * The `source` of a published module: the `<module>.tar.gz` the release workflow attaches to
 * the GitHub release of `tag` (`dist/` is build output, never committed, so a git source
 * with a `//dist/…` path would find nothing).
 */
export function moduleSource(module: string, tag = RELEASE_TAG): string {
  return `${REPOSITORY}/releases/download/${tag}/${module}.tar.gz`;
}
