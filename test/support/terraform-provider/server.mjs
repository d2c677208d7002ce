// The stand-in hashicorp/aws provider plugin: go-plugin handshake, then tfplugin6 over gRPC.
// stdout carries only the handshake line; diagnostics go to stderr when TF_LOG is set.
import grpc from '@grpc/grpc-js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeValue, encodeValue, fromJson } from './codec.mjs';
import { readDataSource } from './data-sources.mjs';
import { DEFAULT_REGION } from './fake-values.mjs';
import { loadProtocol } from './protocol.mjs';
import { applyResourceChange, planResourceChange } from './resources.mjs';
import { impliedType, openSchema } from './schema.mjs';
import { validateConfig } from './validate.mjs';
import { Buffer } from 'node:buffer';
import { setTimeout } from 'node:timers';

const MAGIC_COOKIE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';

/** @param {string} message */
function log(message) {
  if (process.env.TF_LOG) process.stderr.write(`[DEBUG] stand-in aws: ${message}\n`);
}

if (process.env.TF_PLUGIN_MAGIC_COOKIE !== MAGIC_COOKIE) {
  process.stderr.write('This binary is a plugin. It is not meant to be executed directly.\n');
  process.exit(1);
}

const dir = /** @type {string} */ (process.env.STAND_IN_PROVIDER_DIR);
const schema = openSchema(join(dir, 'schema.jsonl'));
let region = DEFAULT_REGION;
/** @type {Record<string, string>} the provider's default_tags */
let defaultTags = {};

/** @param {string} summary @param {string} [detail] */
const error = (summary, detail = '') => ({ severity: 1, summary, detail });

/** @param {'r'|'d'} kind @param {string} name */
function blockOf(kind, name) {
  const block = schema.block(kind, name);
  if (!block)
    throw new Error(
      `the stand-in provider has no ${kind === 'r' ? 'resource' : 'data source'} ${name}`,
    );
  return block;
}

/**
 * Wraps a handler: errors become diagnostics.
 * @param {string} name
 * @param {(req: any) => any} fn
 */
function unary(name, fn) {
  return (/** @type {any} */ call, /** @type {any} */ callback) => {
    log(`${name} ${call.request?.type_name ?? ''}`);
    try {
      callback(null, fn(call.request));
    } catch (e) {
      log(`${name} failed: ${/** @type {Error} */ (e).stack}`);
      callback(null, { diagnostics: [error(`${name}: ${/** @type {Error} */ (e).message}`)] });
    }
  };
}

/** @param {'r'|'d'} kind @param {any} r */
function validate(kind, r) {
  const block = blockOf(kind, r.type_name);
  const config = /** @type {any} */ (decodeValue(r.config, impliedType(block)));
  return { diagnostics: validateConfig(block, config) };
}

// As the real provider (terraform-plugin-mux) announces: Terraform may reuse the schema it has
// from another instance of the provider instead of asking each one again.
const CAPABILITIES = { plan_destroy: true, get_provider_schema_optional: true };
const schemaResponse = readFileSync(join(dir, 'schema.pb'));

const provider = {
  GetMetadata: unary('GetMetadata', () => ({
    server_capabilities: CAPABILITIES,
    ...JSON.parse(readFileSync(join(dir, 'metadata.json'), 'utf8')),
  })),
  GetProviderSchema: unary('GetProviderSchema', () => schemaResponse),
  GetFunctions: unary('GetFunctions', () => ({})),
  ValidateProviderConfig: unary('ValidateProviderConfig', () => ({})),
  ValidateResourceConfig: unary('ValidateResourceConfig', (r) => validate('r', r)),
  ValidateDataResourceConfig: unary('ValidateDataResourceConfig', (r) => validate('d', r)),
  ConfigureProvider: unary('ConfigureProvider', (r) => {
    const config = /** @type {any} */ (decodeValue(r.config, impliedType(schema.provider())));
    if (typeof config?.region === 'string' && config.region) region = config.region;
    for (const d of config?.default_tags ?? []) {
      if (d?.tags && typeof d.tags === 'object') defaultTags = { ...defaultTags, ...d.tags };
    }
    return {};
  }),
  UpgradeResourceState: unary('UpgradeResourceState', (r) => {
    const type = impliedType(blockOf('r', r.type_name));
    const raw = r.raw_state?.json
      ? JSON.parse(Buffer.from(r.raw_state.json).toString('utf8'))
      : null;
    return { upgraded_state: encodeValue(fromJson(raw, type)) };
  }),
  ReadResource: unary('ReadResource', (r) => ({ new_state: r.current_state, private: r.private })),
  PlanResourceChange: unary('PlanResourceChange', (r) => {
    const block = blockOf('r', r.type_name);
    const type = impliedType(block);
    const planned = planResourceChange(block, {
      type: r.type_name,
      prior: decodeValue(r.prior_state, type),
      proposed: decodeValue(r.proposed_new_state, type),
      region,
      defaultTags,
    });
    return { planned_state: encodeValue(planned), planned_private: r.prior_private };
  }),
  ApplyResourceChange: unary('ApplyResourceChange', (r) => {
    const block = blockOf('r', r.type_name);
    const type = impliedType(block);
    const state = applyResourceChange(block, {
      type: r.type_name,
      planned: decodeValue(r.planned_state, type),
      config: decodeValue(r.config, type),
      region,
    });
    return { new_state: encodeValue(state), private: r.planned_private };
  }),
  ImportResourceState: unary('ImportResourceState', (r) => ({
    diagnostics: [
      error('Import is not supported', `The stand-in AWS provider cannot import ${r.type_name}.`),
    ],
  })),
  ReadDataSource: unary('ReadDataSource', (r) => {
    const block = blockOf('d', r.type_name);
    const config = /** @type {any} */ (decodeValue(r.config, impliedType(block)));
    return { state: encodeValue(readDataSource(block, { type: r.type_name, config, region })) };
  }),
  StopProvider: unary('StopProvider', () => ({})),
};

const definitions = /** @type {any} */ (loadProtocol());
const providerService = { ...definitions['tfplugin6.Provider'] };
const plain = providerService.GetProviderSchema.responseSerialize;
providerService.GetProviderSchema = {
  ...providerService.GetProviderSchema,
  // The response is encoded once at install time.
  responseSerialize: (/** @type {any} */ v) => (Buffer.isBuffer(v) ? v : plain(v)),
};

const server = new grpc.Server();
server.addService(providerService, provider);
server.addService(definitions['plugin.GRPCController'], {
  Shutdown: (/** @type {any} */ _call, /** @type {any} */ callback) => {
    callback(null, {});
    setTimeout(() => process.exit(0), 10);
  },
});

const key = readFileSync(join(dir, 'tls', 'server-key.pem'));
const cert = readFileSync(join(dir, 'tls', 'server-cert.pem'));
const credentials = process.env.PLUGIN_CLIENT_CERT
  ? grpc.ServerCredentials.createSsl(null, [{ private_key: key, cert_chain: cert }], false)
  : grpc.ServerCredentials.createInsecure();
const der = cert
  .toString('utf8')
  .replace(/-----[^-]+-----/g, '')
  .replace(/\s+/g, '')
  .replace(/=+$/, '');

server.bindAsync('127.0.0.1:0', credentials, (err, port) => {
  if (err) {
    process.stderr.write(`stand-in aws provider: ${err.message}\n`);
    process.exit(1);
  }
  const tls = process.env.PLUGIN_CLIENT_CERT ? `|${der}` : '';
  process.stdout.write(`1|6|tcp|127.0.0.1:${port}|grpc${tls}\n`);
});
process.on('SIGINT', () => {});
