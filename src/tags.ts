import { Token } from 'cdktf';
import { type Problems } from './errors';

const MAX_TAGS = 50;
const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Records a problem for every tag AWS would reject (count, key and value length, characters, `aws:` prefix). */
export function checkTags(
  problems: Problems,
  property: string,
  tags: Readonly<Record<string, string>> | undefined,
): void {
  if (tags === undefined || Token.isUnresolved(tags)) return;
  const entries = Object.entries(tags);
  problems.check(entries.length <= MAX_TAGS, {
    property,
    received: `${entries.length} tags`,
    allowed: `at most ${MAX_TAGS} tags per resource`,
  });
  for (const [key, value] of entries) {
    problems.check(
      key.length >= 1 &&
        key.length <= 128 &&
        TAG_CHARACTERS.test(key) &&
        !key.toLowerCase().startsWith('aws:'),
      {
        property: `${property} key`,
        received: key,
        allowed: '1 to 128 letters, digits, spaces and _.:/=+-@, not starting with "aws:"',
      },
    );
    if (Token.isUnresolved(value)) continue;
    problems.check(typeof value === 'string' && value.length <= 256 && TAG_CHARACTERS.test(value), {
      property: `${property}[${JSON.stringify(key)}]`,
      received: value,
      allowed: 'up to 256 letters, digits, spaces and _.:/=+-@',
    });
  }
}
