import { Token } from 'cdktf';
import { type Problems } from './errors';

import { Patterns } from './aws/patterns';

const MAX_TAGS = 50;

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
    problems.check(Patterns.tagKey.pattern.test(key), {
      property: `${property} key`,
      received: key,
      allowed: Patterns.tagKey.allowed,
    });
    if (Token.isUnresolved(value)) continue;
    problems.check(typeof value === 'string' && Patterns.tagValue.pattern.test(value), {
      property: `${property}[${JSON.stringify(key)}]`,
      received: value,
      allowed: Patterns.tagValue.allowed,
    });
  }
}
