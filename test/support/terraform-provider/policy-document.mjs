// aws_iam_policy_document rendered like the provider (internal/service/iam/policy_model.go and
// policy_document_data_source.go): Go's encoding/json field order and escaping, one-element
// lists collapsed to a string, sets of strings sorted in reverse, maps with sorted keys.
import { crc32 } from 'node:zlib';

/** @param {string[]} list */
function decodeStrings(list) {
  if (list.length === 1) return list[0];
  return [...list].sort().reverse();
}

const replaceVars = (/** @type {any} */ v) =>
  typeof v === 'string'
    ? v.replaceAll('&{', '${')
    : v.map((/** @type {string} */ s) => s.replaceAll('&{', '${'));

/** Principals: {"*": "*"} alone becomes "*"; otherwise a map by type (sorted by Go). */
function principals(set) {
  const ps = set.map((/** @type {any} */ p) => ({
    type: p.type,
    ids: replaceVars(decodeStrings(p.identifiers ?? [])),
  }));
  if (ps.length === 1 && ps[0].type === '*') {
    const ids = ps[0].ids;
    if (ids === '*' || (Array.isArray(ids) && ids.length === 1 && ids[0] === '*')) return '*';
  }
  /** @type {Record<string, any>} */
  const raw = {};
  for (const p of ps) {
    const cur = raw[p.type];
    if (Array.isArray(p.ids)) {
      raw[p.type] = [...(cur === undefined ? [] : Array.isArray(cur) ? cur : [cur]), ...p.ids];
    } else {
      raw[p.type] = cur === undefined ? p.ids : [...(Array.isArray(cur) ? cur : [cur]), p.ids];
    }
  }
  return sortKeys(raw);
}

function conditions(set) {
  /** @type {Record<string, Record<string, string[]>>} */
  const raw = {};
  for (const c of set) {
    raw[c.test] ??= {};
    raw[c.test][c.variable] = [...(raw[c.test][c.variable] ?? []), ...(c.values ?? [])];
  }
  /** @type {Record<string, any>} */
  const out = {};
  for (const test of Object.keys(raw).sort()) {
    out[test] = {};
    for (const v of Object.keys(raw[test]).sort()) {
      const items = raw[test][v];
      out[test][v] = items.length === 1 ? items[0] : items;
    }
  }
  return out;
}

/** @param {Record<string, any>} o */
function sortKeys(o) {
  return Object.fromEntries(
    Object.keys(o)
      .sort()
      .map((k) => [k, o[k]]),
  );
}

/** @param {any} s one statement block @returns {Record<string, unknown>} */
function statement(s) {
  /** @type {Record<string, unknown>} */
  const out = {};
  if (s.sid) out.Sid = s.sid;
  out.Effect = s.effect ?? 'Allow';
  if (s.actions?.length) out.Action = decodeStrings(s.actions);
  if (s.not_actions?.length) out.NotAction = decodeStrings(s.not_actions);
  if (s.resources?.length) out.Resource = replaceVars(decodeStrings(s.resources));
  if (s.not_resources?.length) out.NotResource = replaceVars(decodeStrings(s.not_resources));
  if (s.principals?.length) out.Principal = principals(s.principals);
  if (s.not_principals?.length) out.NotPrincipal = principals(s.not_principals);
  if (s.condition?.length) {
    out.Condition = conditions(
      s.condition.map((/** @type {any} */ c) => ({ ...c, values: replaceVars(c.values ?? []) })),
    );
  }
  return out;
}

const STATEMENT_KEYS = ['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource'];

/**
 * A statement of a source or override document as the provider re-encodes it: its fields in
 * struct order, principals normalised (lists sorted in reverse), condition values as lists
 * (booleans as strings) collapsed when single, map keys sorted.
 * @param {any} st
 */
function reencode(st) {
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const k of STATEMENT_KEYS)
    if (st[k] !== undefined && st[k] !== null && st[k] !== '') out[k] = st[k];
  for (const k of ['Principal', 'NotPrincipal']) {
    const p = st[k];
    if (p === undefined || p === null) continue;
    if (typeof p === 'string') out[k] = '*';
    else {
      out[k] = sortKeys(
        Object.fromEntries(
          Object.entries(p).map(([type, ids]) => [
            type,
            Array.isArray(ids) ? [...ids].sort().reverse() : ids,
          ]),
        ),
      );
    }
  }
  if (st.Condition) {
    /** @type {any[]} */
    const set = [];
    for (const [test, vars] of Object.entries(st.Condition)) {
      for (const [variable, values] of Object.entries(/** @type {Record<string, any>} */ (vars))) {
        const list =
          typeof values === 'boolean'
            ? [String(values)]
            : Array.isArray(values)
              ? values
              : [values];
        set.push({ test, variable, values: list });
      }
    }
    out.Condition = conditions(set);
  }
  return out;
}

/** @param {any} doc the merged document @param {any} other a document merged into it */
function mergeInto(doc, other) {
  if (other.Id) doc.Id = other.Id;
  if ((other.Version ?? '') > (doc.Version ?? '')) doc.Version = other.Version;
  for (const st of other.Statement ?? []) {
    const at = st.Sid ? doc.Statement.findIndex((/** @type {any} */ x) => x.Sid === st.Sid) : -1;
    if (at >= 0) doc.Statement[at] = st;
    else doc.Statement.push(st);
  }
}

/** Go's json.Marshal escapes <, > and & in strings. @param {string} json */
function goEscape(json) {
  return json.replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * @param {Record<string, any>} config the data source's configuration
 * @returns {{ json: string, minified_json: string, id: string }}
 */
export function renderPolicyDocument(config) {
  /** @type {any} */
  const merged = { Version: '', Statement: [] };
  const parse = (/** @type {string} */ json) => {
    const d = JSON.parse(json);
    return { ...d, Statement: (d.Statement ?? []).map(reencode) };
  };
  for (const src of config.source_policy_documents ?? []) {
    if (src !== null) mergeInto(merged, parse(src));
  }
  /** @type {any} */
  const own = {
    Version: config.version ?? '2012-10-17',
    Statement: (config.statement ?? []).map(statement),
  };
  if (config.policy_id) own.Id = config.policy_id;
  mergeInto(merged, own);
  for (const o of config.override_policy_documents ?? []) {
    if (o !== null) mergeInto(merged, parse(o));
  }
  /** @type {Record<string, unknown>} */
  const doc = {};
  if (merged.Version) doc.Version = merged.Version;
  if (merged.Id) doc.Id = merged.Id;
  if (merged.Statement.length) doc.Statement = merged.Statement;
  const json = goEscape(JSON.stringify(doc, null, 2));
  return { json, minified_json: goEscape(JSON.stringify(doc)), id: String(crc32(json)) };
}
