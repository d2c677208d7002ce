// Generates the stand-in provider's schema from the installed @cdktf/provider-aws bindings.
// The bindings were generated from the real provider's schema; the TypeScript source embedded
// in each binding's source map keeps what the schema said: generator comments
// (`// arn - computed: true, optional: false, required: false`), the HCL attribute table
// (`isBlock`, `type`, `storageClassType`) and the config interfaces (`* volume block`).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Buffer } from 'node:buffer';

/**
 * @typedef {string | [string, unknown]} CtyType  cty JSON type: "string", ["list","string"], …
 * @typedef {{ name: string, type?: CtyType, nested?: { nesting: string, block: Block },
 *   required: boolean, optional: boolean, computed: boolean, sensitive: boolean }} Attribute
 * @typedef {{ type_name: string, nesting: 'single'|'list'|'set'|'map', min_items: number,
 *   max_items: number, block: Block }} NestedBlock
 * @typedef {{ attributes: Attribute[], block_types: NestedBlock[] }} Block
 * @typedef {{ provider: Block, resources: Record<string, Block>,
 *   dataSources: Record<string, Block>, providerVersion: string }} ProviderSchema
 */

const FLAG_LINE = /^ {2}\/\/ (\w+) - computed: (\w+), optional: (\w+), required: (\w+)$/gm;

/** @param {string} file @returns {string} the TypeScript source of a binding */
function bindingSource(file) {
  const text = readFileSync(file, 'utf8');
  const at = text.lastIndexOf('base64,');
  const map = JSON.parse(Buffer.from(text.slice(at + 7), 'base64').toString('utf8'));
  return map.sourcesContent[0];
}

/** @param {string} s */
const lcFirst = (s) => s[0].toLowerCase() + s.slice(1);

/** Splits a binding's source into named top-level sections (classes, interfaces, functions). */
function sections(src) {
  /** @type {Map<string, string>} */
  const out = new Map();
  const re = /^export (?:class|interface|function) (\w+)/gm;
  const starts = [...src.matchAll(re)];
  starts.forEach((m, i) => {
    const end = i + 1 < starts.length ? starts[i + 1].index : src.length;
    out.set(m[1], src.slice(m.index, end));
  });
  return out;
}

/** @param {string} text @returns {Map<string, {isBlock: boolean, type: string, storage: string, mapperBlock: boolean}>} */
function hclTable(text) {
  const out = new Map();
  const re =
    /^\s+(\w+): \{\n\s+value: ([^\n]*),\n\s+isBlock: (\w+),\n\s+type: "(\w+)",\n\s+storageClassType: "(\w+)",/gm;
  for (const m of text.matchAll(re)) {
    out.set(m[1], {
      isBlock: m[3] === 'true',
      type: m[4],
      storage: m[5],
      mapperBlock: /Hcl\(\w+, true\)/.test(m[2]) || m[4] === 'struct',
    });
  }
  return out;
}

/** Interface members: tf name → { optional, blockDoc } */
function interfaceMembers(text) {
  const out = new Map();
  const re = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\n\s+readonly (\w+)(\??):/g;
  for (const m of text.matchAll(re)) {
    const link = /#(\w+) \w+#\w+\}/.exec(m[1]);
    const name = link ? link[1] : m[2];
    out.set(name, { optional: m[3] === '?', blockDoc: /\* \w+ block\s*\n/.test(m[1]) });
  }
  return out;
}

/** Flag comments of a class with the code that follows each. */
function flagEntries(text) {
  const matches = [...text.matchAll(FLAG_LINE)];
  return matches.map((m, i) => ({
    name: m[1],
    computed: m[2] === 'true',
    optional: m[3] === 'true',
    required: m[4] === 'true',
    code: text.slice(m.index, i + 1 < matches.length ? matches[i + 1].index : text.length),
  }));
}

class BindingParser {
  /** @param {string} src */
  constructor(src) {
    this.sections = sections(src);
    /** @type {Set<string>} */
    this.stack = new Set();
  }

  /** cty type of a computed attribute, from its getter. @returns {CtyType} */
  getterType(code, name) {
    const field = new RegExp(
      `private _\\w+ = new ([\\w.]+)\\(this, "${name}"(?:, (true|false))?\\)`,
    ).exec(code);
    if (field) {
      const cls = field[1];
      const prim = /^cdkt[fn]\.(String|Number|Boolean|Any)(List)?Map$/.exec(cls);
      if (prim) {
        const el = { String: 'string', Number: 'number', Boolean: 'bool', Any: 'dynamic' }[prim[1]];
        return ['map', prim[2] ? ['list', el] : el];
      }
      if (cls.endsWith('OutputReference')) return ['list', this.objectType(cls)];
      if (cls.endsWith('List')) {
        return [
          field[2] === 'true' ? 'set' : 'list',
          this.objectType(cls.slice(0, -4) + 'OutputReference'),
        ];
      }
      if (cls.endsWith('Map'))
        return ['map', this.objectType(cls.slice(0, -3) + 'OutputReference')];
    }
    const set = /Fn\.tolist\(/.test(code);
    if (/getStringAttribute\(/.test(code)) return 'string';
    if (/getNumberAttribute\(/.test(code)) return 'number';
    if (/getBooleanAttribute\(/.test(code)) return 'bool';
    if (/getNumberListAttribute\(/.test(code)) return [set ? 'set' : 'list', 'number'];
    if (/getBooleanListAttribute\(/.test(code)) return [set ? 'set' : 'list', 'bool'];
    if (/getListAttribute\(/.test(code)) return [set ? 'set' : 'list', 'string'];
    if (/getStringMapAttribute\(/.test(code)) return ['map', 'string'];
    if (/getNumberMapAttribute\(/.test(code)) return ['map', 'number'];
    if (/getBooleanMapAttribute\(/.test(code)) return ['map', 'bool'];
    const priv = /private _\w+\?: ([^;]+);/.exec(code);
    if (priv) return tsType(priv[1], 'list');
    return 'dynamic';
  }

  /** Object type of a computed struct, from its OutputReference class. */
  objectType(cls) {
    const text = this.sections.get(cls);
    if (!text || this.stack.has(cls)) return ['object', {}];
    this.stack.add(cls);
    /** @type {Record<string, CtyType>} */
    const attrs = {};
    for (const e of flagEntries(text)) attrs[e.name] = this.getterType(e.code, e.name);
    this.stack.delete(cls);
    return ['object', attrs];
  }

  /**
   * @param {string | undefined} flagsText class holding the flag comments (undefined: use the interface)
   * @param {string | undefined} ifaceText interface with docs
   * @param {string} hclText text holding the HCL attribute table
   * @returns {Block}
   */
  block(flagsText, ifaceText, hclText) {
    const hcl = hclTable(hclText);
    const members = ifaceText ? interfaceMembers(ifaceText) : new Map();
    const entries = flagsText
      ? flagEntries(flagsText)
      : [...hcl.keys()].map((name) => {
          const member = members.get(name);
          const optional = member ? member.optional : true;
          return { name, computed: false, optional, required: !optional, code: '' };
        });
    /** @type {Block} */
    const block = { attributes: [], block_types: [] };
    for (const e of entries) {
      const h = hcl.get(e.name);
      const flags = {
        required: e.required,
        optional: e.optional,
        computed: e.computed,
        sensitive: false,
      };
      if (!h) {
        block.attributes.push({ name: e.name, type: this.getterType(e.code, e.name), ...flags });
        continue;
      }
      if (/^(string|number|boolean|any)/.test(h.storage)) {
        block.attributes.push({ name: e.name, type: storageType(h.type, h.storage), ...flags });
        continue;
      }
      const struct =
        h.type === 'struct'
          ? h.storage
          : h.storage.replace(h.type === 'map' ? /Map$/ : /List$/, '');
      const single =
        h.type === 'struct' ||
        new RegExp(`new ${struct}OutputReference\\(this, "${e.name}"`).test(e.code);
      const member = members.get(e.name);
      const isBlock = h.isBlock && (member ? member.blockDoc : h.mapperBlock);
      if (this.stack.has(struct)) continue;
      this.stack.add(struct);
      const inner = this.block(
        this.sections.get(`${struct}OutputReference`),
        this.sections.get(struct),
        this.sections.get(`${lcFirst(struct)}ToHclTerraform`) ?? '',
      );
      this.stack.delete(struct);
      let nesting =
        h.type === 'struct'
          ? 'single'
          : h.type === 'set'
            ? 'set'
            : h.type === 'map'
              ? 'map'
              : 'list';
      // Where the bindings cut deep nesting short (wafv2 `statement`), the attribute is `any`;
      // Terraform allows no DynamicPseudoType attribute in a set block, so that block is a list.
      if (nesting === 'set' && inner.attributes.some((a) => a.type === 'dynamic')) nesting = 'list';
      if (isBlock) {
        block.block_types.push({
          type_name: e.name,
          nesting,
          min_items: e.required && nesting !== 'single' ? 1 : 0,
          max_items: single && nesting === 'list' ? 1 : 0,
          block: inner,
        });
      } else {
        block.attributes.push({
          name: e.name,
          nested: { nesting: single && nesting === 'list' ? 'single' : nesting, block: inner },
          ...flags,
        });
      }
    }
    return block;
  }
}

/** @returns {CtyType} */
function storageType(kind, storage) {
  const base = { string: 'string', number: 'number', boolean: 'bool', any: 'dynamic' };
  const m = /^(string|number|boolean|any)((?:List|Map)*)$/.exec(storage);
  if (!m) return 'dynamic';
  /** @type {CtyType} */
  let t = base[m[1]];
  const suffixes = m[2].match(/List|Map/g) ?? [];
  suffixes.forEach((s, i) => {
    const outer = i === suffixes.length - 1;
    if (s === 'Map') t = ['map', t];
    else t = [outer && kind === 'set' ? 'set' : 'list', t];
  });
  return t;
}

/** @returns {CtyType} from a TypeScript type of a private field */
function tsType(ts, listKind) {
  const t = ts
    .replace(/\s*\|\s*cdkt[fn]\.IResolvable/g, '')
    .replace(/[()]/g, '')
    .trim();
  if (t === 'string') return 'string';
  if (t === 'number') return 'number';
  if (t === 'boolean') return 'bool';
  if (t.endsWith('[]')) return [listKind, tsType(t.slice(0, -2), 'list')];
  const map = /^\{ \[key: string\]: (.*) \}$/.exec(t);
  if (map) return ['map', tsType(map[1], 'list')];
  return 'dynamic';
}

/** @param {string} libDir node_modules/@cdktf/provider-aws/lib @returns {ProviderSchema} */
export function generateSchema(libDir) {
  /** @type {ProviderSchema} */
  const out = {
    provider: { attributes: [], block_types: [] },
    resources: {},
    dataSources: {},
    providerVersion: '',
  };
  for (const dir of readdirSync(libDir).sort()) {
    const file = join(libDir, dir, 'index.js');
    if (!existsSync(file)) continue;
    const src = bindingSource(file);
    const cls =
      /^export class (\w+) extends cdkt[fn]\.(TerraformResource|TerraformDataSource|TerraformProvider) \{/m.exec(
        src,
      );
    if (!cls) continue;
    const parser = new BindingParser(src);
    const classText = parser.sections.get(cls[1]) ?? '';
    const hclText = classText.slice(classText.indexOf('synthesizeHclAttributes'));
    const block = parser.block(classText, parser.sections.get(`${cls[1]}Config`), hclText);
    if (cls[2] === 'TerraformProvider') {
      out.provider = block;
      out.providerVersion = /providerVersion: '([^']+)'/.exec(src)?.[1] ?? '';
      continue;
    }
    const type = /tfResourceType = "(\w+)"/.exec(classText)?.[1];
    if (!type) continue;
    (cls[2] === 'TerraformResource' ? out.resources : out.dataSources)[type] = block;
  }
  return out;
}
