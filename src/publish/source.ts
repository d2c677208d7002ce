/**
 * The GitHub repository the release workflow publishes to. `OWNER` is a placeholder: set it
 * once the repository has its public home (the generated READMEs and docs use it).
 */
export const REPOSITORY = 'https://github.com/OWNER/cdktf-fargate-runner';

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
