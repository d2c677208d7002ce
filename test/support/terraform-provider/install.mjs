// Installs the stand-in hashicorp/aws provider plugin into a directory, for tests and scripts:
//   installStandInProvider(dir) → { pluginDir, cliConfigFile, version }
//   node test/support/terraform-provider/install.mjs <dir>
// `terraform init -plugin-dir=<pluginDir>` finds it, and so does any `terraform init` run with
// TF_CLI_CONFIG_FILE=<cliConfigFile> (a filesystem mirror). Installing again is a no-op while
// the provider bindings and this directory's files are unchanged (keyed by content).
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  realpathSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSchema } from './generate-schema.mjs';
import { loadProtocol } from './protocol.mjs';
import { protoBlock } from './schema.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** The directory of the installed @cdktf/provider-aws bindings. */
function bindingsDir() {
  return join(dirname(require.resolve('@cdktf/provider-aws/package.json')), 'lib');
}

/** The hashicorp/aws version the installed bindings were generated from. */
export function boundProviderVersion() {
  const text = readFileSync(join(bindingsDir(), 'provider', 'index.js'), 'utf8');
  const m = /providerVersion: '([^']+)'/.exec(text);
  if (!m) throw new Error('no providerVersion in @cdktf/provider-aws/lib/provider/index.js');
  return m[1];
}

/**
 * A key over everything the installation is made from, and where it is: its files hold their
 * own absolute paths (terraform.rc's mirror, the plugin's launcher), so a directory reached at
 * another real path (moved, or copied) is installed again.
 */
function contentKey(version, root) {
  const h = createHash('sha256');
  h.update(root);
  h.update(readFileSync(require.resolve('@cdktf/provider-aws/package.json')));
  h.update(version);
  h.update(process.execPath);
  for (const f of readdirSync(HERE).sort()) {
    if (/\.(mjs|proto)$/.test(f)) h.update(f).update(readFileSync(join(HERE, f)));
  }
  return h.digest('hex');
}

/** Writes a file atomically (tests may install concurrently). */
function write(file, data, mode = 0o644) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data, { mode });
  chmodSync(tmp, mode);
  renameSync(tmp, file);
}

/** A self-signed certificate for go-plugin's automatic mTLS (the server side). */
function ensureCertificate(tlsDir) {
  const cert = join(tlsDir, 'server-cert.pem');
  if (existsSync(cert)) return;
  mkdirSync(tlsDir, { recursive: true });
  const tmp = `${tlsDir}/.${process.pid}`;
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-days',
      '36500',
      '-subj',
      '/CN=localhost',
      '-keyout',
      `${tmp}-key.pem`,
      '-out',
      `${tmp}-cert.pem`,
      '-addext',
      'subjectAltName=DNS:localhost',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,digitalSignature,keyEncipherment,keyCertSign',
      '-addext',
      'extendedKeyUsage=serverAuth,clientAuth',
    ],
    { stdio: 'ignore' },
  );
  renameSync(`${tmp}-key.pem`, join(tlsDir, 'server-key.pem'));
  renameSync(`${tmp}-cert.pem`, cert);
}

/**
 * The server as one bundled file: Terraform starts the plugin several times per command, and
 * one file loads in about half the time of grpc-js's and protobufjs's many modules.
 * @returns {string} the script to run
 */
function bundleServer(outDir) {
  mkdirSync(outDir, { recursive: true });
  for (const f of ['tfplugin6.proto', 'plugin.proto']) copyFileSync(join(HERE, f), join(outDir, f));
  const outfile = join(outDir, 'server.mjs');
  require('esbuild').buildSync({
    entryPoints: [join(HERE, 'server.mjs')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    outfile: `${outfile}.${process.pid}.tmp.mjs`,
    logLevel: 'error',
    // grpc-js and proto-loader are CommonJS: give the bundle a `require` for Node's built-ins.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
  renameSync(`${outfile}.${process.pid}.tmp.mjs`, outfile);
  return outfile;
}

/** The GetProviderSchema response, encoded once. */
function encodeSchemaResponse(schema) {
  const definitions = /** @type {any} */ (loadProtocol());
  const serialize = definitions['tfplugin6.Provider'].GetProviderSchema.responseSerialize;
  const wrap = (/** @type {any} */ block) => ({ version: 0, block: protoBlock(block) });
  return serialize({
    provider: wrap(schema.provider),
    resource_schemas: Object.fromEntries(
      Object.entries(schema.resources).map(([k, b]) => [k, wrap(b)]),
    ),
    data_source_schemas: Object.fromEntries(
      Object.entries(schema.dataSources).map(([k, b]) => [k, wrap(b)]),
    ),
    server_capabilities: { plan_destroy: true, get_provider_schema_optional: true },
  });
}

/**
 * @param {string} dir where to install (created if missing)
 * @returns {{ pluginDir: string, cliConfigFile: string, version: string, schemaFile: string }}
 */
export function installStandInProvider(dir) {
  mkdirSync(dir, { recursive: true });
  // The real path: a checkout whose node_modules is a link to another's (a git worktree, a copy
  // in another directory) installs into, and writes the paths of, the directory that remains.
  const root = realpathSync(dir);
  const version = boundProviderVersion();
  const pluginDir = join(root, 'plugins');
  const cliConfigFile = join(root, 'terraform.rc');
  const schemaFile = join(root, 'schema.jsonl');
  const result = { pluginDir, cliConfigFile, version, schemaFile };
  const key = contentKey(version, root);
  const stamp = join(root, 'installed.key');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === key) return result;

  const schema = generateSchema(bindingsDir());
  if (schema.providerVersion !== version) {
    throw new Error(
      `bindings disagree on the provider version: ${schema.providerVersion} vs ${version}`,
    );
  }
  const lines = [JSON.stringify({ provider: schema.provider })];
  for (const [k, s] of Object.entries(schema.resources))
    lines.push(JSON.stringify({ k: `r:${k}`, s }));
  for (const [k, s] of Object.entries(schema.dataSources))
    lines.push(JSON.stringify({ k: `d:${k}`, s }));
  write(schemaFile, `${lines.join('\n')}\n`);
  write(join(root, 'schema.pb'), encodeSchemaResponse(schema));
  const typeNames = (/** @type {Record<string, unknown>} */ types) =>
    Object.keys(types).map((type_name) => ({ type_name }));
  const metadata = {
    resources: typeNames(schema.resources),
    data_sources: typeNames(schema.dataSources),
  };
  write(join(root, 'metadata.json'), JSON.stringify(metadata));
  ensureCertificate(join(root, 'tls'));

  const server = bundleServer(join(root, 'server'));
  const binDir = join(
    pluginDir,
    'registry.terraform.io',
    'hashicorp',
    'aws',
    version,
    'linux_amd64',
  );
  mkdirSync(binDir, { recursive: true });
  const q = (/** @type {string} */ s) => `'${s.replace(/'/g, `'\\''`)}'`;
  write(
    join(binDir, `terraform-provider-aws_v${version}`),
    `#!/bin/sh\nSTAND_IN_PROVIDER_DIR=${q(root)} exec ${q(process.execPath)} ${q(server)} "$@"\n`,
    0o755,
  );
  write(
    cliConfigFile,
    [
      'disable_checkpoint = true',
      'provider_installation {',
      '  filesystem_mirror {',
      `    path    = ${JSON.stringify(pluginDir)}`,
      '    include = ["registry.terraform.io/hashicorp/aws"]',
      '  }',
      '  direct {',
      '    exclude = ["registry.terraform.io/hashicorp/aws"]',
      '  }',
      '}',
      '',
    ].join('\n'),
  );
  write(stamp, key);
  return result;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('usage: node test/support/terraform-provider/install.mjs <dir>\n');
    process.exit(2);
  }
  const started = Date.now();
  const out = installStandInProvider(dir);
  process.stdout.write(`${JSON.stringify({ ...out, ms: Date.now() - started }, null, 2)}\n`);
}
