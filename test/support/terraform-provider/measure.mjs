// Measures the installed plugin: launch (start → handshake line) and GetProviderSchema time.
//   node test/support/terraform-provider/measure.mjs <install dir> [runs]
import grpc from '@grpc/grpc-js';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { installStandInProvider } from './install.mjs';
import { loadProtocol } from './protocol.mjs';

const MAGIC_COOKIE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';

/** @param {string} plugin */
async function once(plugin) {
  const started = performance.now();
  const env = { ...process.env, TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE };
  delete env.PLUGIN_CLIENT_CERT;
  const child = spawn(plugin, [], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise((resolve) => child.stdout.once('data', (d) => resolve(String(d))));
  const launch = performance.now() - started;
  const address = String(line).split('|')[3];
  const definition = /** @type {any} */ (loadProtocol())['tfplugin6.Provider'];
  const decodeSchema = definition.GetProviderSchema.responseDeserialize;
  // The raw bytes: what the plugin costs, not what decoding them in JavaScript costs.
  const raw = {
    ...definition,
    GetProviderSchema: {
      ...definition.GetProviderSchema,
      responseDeserialize: (/** @type {Buffer} */ b) => b,
    },
  };
  const Provider = grpc.makeGenericClientConstructor(raw, 'Provider');
  const client = /** @type {any} */ (new Provider(address, grpc.credentials.createInsecure()));
  const asked = performance.now();
  const bytes = await new Promise((resolve, reject) =>
    client.GetProviderSchema({}, (/** @type {Error} */ e, /** @type {any} */ r) =>
      e ? reject(e) : resolve(r),
    ),
  );
  const schema = performance.now() - asked;
  client.close();
  child.kill();
  const response = decodeSchema(bytes);
  return {
    launch,
    schema,
    bytes: /** @type {Buffer} */ (bytes).length,
    resources: Object.keys(response.resource_schemas).length,
    dataSources: Object.keys(response.data_source_schemas).length,
  };
}

const dir = process.argv[2] ?? join(process.cwd(), 'node_modules', '.cache', 'terraform-provider');
const runs = Number(process.argv[3] ?? 10);
const { pluginDir, version } = installStandInProvider(dir);
const plugin = join(
  pluginDir,
  `registry.terraform.io/hashicorp/aws/${version}/linux_amd64/terraform-provider-aws_v${version}`,
);
const results = [];
for (let i = 0; i < runs; i++) results.push(await once(plugin));
const median = (/** @type {number[]} */ xs) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const min = (/** @type {number[]} */ xs) => Math.min(...xs);
const launches = results.map((r) => r.launch);
const schemas = results.map((r) => r.schema);
process.stdout.write(
  `${JSON.stringify(
    {
      runs,
      launchMs: { min: Math.round(min(launches)), median: Math.round(median(launches)) },
      getProviderSchemaMs: { min: Math.round(min(schemas)), median: Math.round(median(schemas)) },
      schemaBytes: results[0].bytes,
      resources: results[0].resources,
      dataSources: results[0].dataSources,
    },
    null,
    2,
  )}\n`,
);
