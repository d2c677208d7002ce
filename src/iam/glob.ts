const globRegexes = new Map<string, RegExp>();

/**
 * A case-insensitive regex for an IAM glob (`*` any characters, `?` one), as IAM matches actions
 * (`iam:Pass*`) and resources. Compiled once per glob: the same few patterns are tested against
 * every action of every statement.
 */
export function globRegex(glob: string): RegExp {
  let regex = globRegexes.get(glob);
  if (regex === undefined) {
    const body = glob
      .split('')
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('');
    regex = new RegExp(`^${body}$`, 'i');
    globRegexes.set(glob, regex);
  }
  return regex;
}
