// The direction of imports (DESIGN.md: data flows one way): the library and publishing code
// never import the modules (only src/index.ts re-exports them for npm consumers), and no two
// files import each other.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = join(__dirname, '..');
const sources = ['src', 'modules', 'stacks'].flatMap((top) =>
  readdirSync(join(root, top), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => join(top, file)),
);

/** The project files a source file imports (relative specifiers, resolved). */
function imports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']*)'/g)].map((m) => m[1]);
  return specifiers.map((specifier) => {
    const target = relative(root, resolve(root, dirname(file), specifier));
    return sources.includes(`${target}.ts`) ? `${target}.ts` : join(target, 'index.ts');
  });
}

const graph = new Map(sources.map((file) => [file, imports(file)]));

test('src/ imports nothing from modules/ but in the public API (src/index.ts)', () => {
  const upward = sources
    .filter((file) => file.startsWith('src/') && file !== join('src', 'index.ts'))
    .flatMap((file) =>
      graph
        .get(file)!
        .filter((t) => t.startsWith('modules/'))
        .map((t) => `${file} → ${t}`),
    );
  expect(upward).toEqual([]);
});

test('no two files import each other', () => {
  const mutual = sources.flatMap((a) =>
    graph
      .get(a)!
      .filter((b) => a < b && (graph.get(b) ?? []).includes(a))
      .map((b) => `${a} ⇄ ${b}`),
  );
  expect(mutual).toEqual([]);
});
