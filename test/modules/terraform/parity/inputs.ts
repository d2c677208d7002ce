// The construct's props as the module's inputs: the same names in snake_case (memoryMiB →
// memory_mib), the same values. Keys of maps the user names (tags, environment, conditions …)
// are kept as written.
const USER_KEYED = new Set([
  'tags',
  'taskTags',
  'environment',
  'secrets',
  'conditions',
  'roleTags',
]);

const snakeName = (name: string) =>
  name
    .replace(/MiB$/, 'Mib')
    .replace(/GiB$/, 'Gib')
    .replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** `props` with every key in snake_case (except in user-keyed maps). */
export function asInputs(props: unknown, userKeyed = false): unknown {
  if (Array.isArray(props)) return props.map((item) => asInputs(item));
  if (props && typeof props === 'object') {
    return Object.fromEntries(
      Object.entries(props)
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) =>
          userKeyed ? [key, value] : [snakeName(key), asInputs(value, USER_KEYED.has(key))],
        ),
    );
  }
  return props;
}
