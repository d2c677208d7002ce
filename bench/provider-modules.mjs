// The provider modules the project imports by their deep paths: the floor loads exactly these.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The names under `@cdktf/provider-aws/lib/` imported by src/, modules/ and stacks/, sorted. */
export function providerModules(root) {
  const found = new Set();
  const scan = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) scan(file);
      else if (entry.name.endsWith('.ts')) {
        for (const match of readFileSync(file, 'utf8').matchAll(
          /@cdktf\/provider-aws\/lib\/([a-z0-9-]+)/g,
        ))
          found.add(match[1]);
      }
    }
  };
  for (const dir of ['src', 'modules', 'stacks']) scan(path.join(root, dir));
  return [...found].sort();
}
