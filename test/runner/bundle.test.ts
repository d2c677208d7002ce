import { testConfig } from './support';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { inflateRawSync, crc32 } from 'node:zlib';
import { buildSync } from 'esbuild';
import { bundleRunner, cachedRunnerBundle, handlerBuildOptions } from '../../src/runner/bundle';

// Reads a zip's central directory with node:zlib only, independently of the zip library.
function readZip(zip: Buffer) {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const compressedSize = zip.readUInt32LE(at + 20);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = inflateRawSync(zip.subarray(dataStart, dataStart + compressedSize));
    entries.push({
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      madeBy: zip.readUInt16LE(at + 4) >> 8,
      method: zip.readUInt16LE(at + 10),
      dosTime: zip.readUInt16LE(at + 12),
      dosDate: zip.readUInt16LE(at + 14),
      crcMatches: zip.readUInt32LE(at + 16) === crc32(data),
      mode: zip.readUInt32LE(at + 38) >>> 16,
      extraLength,
      data,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Runs a script in a fresh node in `dir`, with fake AWS credentials and only `env` besides. */
function runNode(dir: string, script: string, env: Record<string, string>) {
  return spawnSync(process.execPath, ['-e', script], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 20_000,
    env: {
      PATH: process.env.PATH,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      ...env,
    },
  });
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'runner-bundle-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

let first: ReturnType<typeof bundleRunner>;
let zip: Buffer;
beforeAll(() => {
  first = bundleRunner(tempDir());
  zip = readFileSync(first.zipPath);
});

test('reports the zip it wrote: path, size and SHA-256', () => {
  expect(first.zipPath).toMatch(/runner\.zip$/);
  expect(first.bytes).toBe(zip.length);
  expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
  expect(first.bytes).toBeLessThanOrEqual(300 * 1024);
});

test('is byte-identical when built again and into another directory', () => {
  const second = bundleRunner(tempDir());
  const third = bundleRunner(join(tempDir(), 'nested', 'out'));
  expect(readFileSync(second.zipPath).equals(zip)).toBe(true);
  expect(readFileSync(third.zipPath).equals(zip)).toBe(true);
  expect([second.sha256, third.sha256]).toEqual([first.sha256, first.sha256]);
});

test('zips the same bytes in every time zone', () => {
  // jest gives each test file its own copy of process.env, so setting TZ here would not reach
  // Node's clock: zip.ts runs in child processes with TZ set in their real environment.
  const zipModule = join(__dirname, '../../node_modules/.cache/runner-test/zip.cjs');
  buildSync({
    entryPoints: [join(__dirname, '../../src/runner/zip.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    packages: 'external',
    outfile: zipModule,
    logLevel: 'silent',
  });
  const script = `const { deterministicZip } = require(${JSON.stringify(zipModule)});
    process.stdout.write(Buffer.from(deterministicZip({ 'b.txt': Buffer.from('b'), 'a.txt': Buffer.from('a') })).toString('hex'));`;
  const zips = ['Pacific/Kiritimati', 'UTC', 'America/Los_Angeles'].map((TZ) =>
    execFileSync(process.execPath, ['-e', script], {
      env: { PATH: process.env.PATH, TZ },
      encoding: 'utf8',
    }),
  );
  expect(new Set(zips).size).toBe(1);
  const entries = readZip(Buffer.from(zips[0], 'hex'));
  expect(entries.map((e) => [e.name, e.dosDate, e.dosTime])).toEqual([
    ['a.txt', 33, 0],
    ['b.txt', 33, 0],
  ]);
});

/** The bytes of one file of the zip. */
const entry = (name: string) => readZip(zip).find((e) => e.name === name)!.data;

test('holds exactly index.js and diagnose.js, deflated, with a fixed timestamp and permissions', () => {
  const entries = readZip(zip);
  expect(entries.map((e) => e.name)).toEqual(['diagnose.js', 'index.js']);
  for (const e of entries)
    expect(e).toMatchObject({
      madeBy: 3, // Unix
      method: 8, // deflate
      dosDate: (0 << 9) | (1 << 5) | 1, // 1980-01-01
      dosTime: 0, // 00:00:00
      mode: 0o100644,
      extraLength: 0,
      crcMatches: true,
    });
});

test('contains no absolute path, checkout directory or source map', () => {
  for (const { data } of readZip(zip)) {
    const code = data.toString('utf8');
    expect(code).not.toContain(resolve(__dirname, '../..'));
    expect(code).not.toContain(tmpdir());
    expect(code).not.toMatch(/sourceMappingURL/);
    expect(code).not.toMatch(/\/(?:home|root|Users|work)\/[\w-]+\//);
  }
});

test("the runner's index.js does not depend on the failure consumer", () => {
  expect(Buffer.from(entry('index.js'))).toEqual(
    Buffer.from(buildSync(handlerBuildOptions()).outputFiles[0].contents),
  );
  expect(entry('index.js').toString('utf8')).not.toContain('PublishCommand');
});

const unzip = spawnSync('unzip', ['-v']).status === 0;
(unzip ? test : test.skip)('unzip tests it as a valid archive', () => {
  const listing = execFileSync('unzip', ['-tq', first.zipPath], { encoding: 'utf8' });
  expect(listing).toMatch(/No errors detected/);
});

test('the bundled handler loads in a fresh node from another directory and starts a task', () => {
  // A child process: real Node module loading, no jest registry, no node_modules nearby.
  const dir = tempDir();
  writeFileSync(join(dir, 'index.js'), entry('index.js'));
  const script = `
    const http = require('node:http');
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const input = JSON.parse(body);
        res.setHeader('content-type', 'application/x-amz-json-1.1');
        res.end(JSON.stringify({ tasks: [{ taskArn: 'arn:aws:ecs:eu-west-1:123456789012:task/jobs/' + input.taskDefinition }], failures: [] }));
        server.close();
      });
    });
    server.listen(0, '127.0.0.1', async () => {
      process.env.AWS_ENDPOINT_URL_ECS = 'http://127.0.0.1:' + server.address().port;
      const { handler } = require('./index.js');
      const result = await handler({}, { awsRequestId: 'r-1' });
      console.error(JSON.stringify({ exports: typeof handler, result }));
    });`;
  const child = runNode(dir, script, { RUNNER_CONFIG: JSON.stringify(testConfig()) });
  expect(child.status).toBe(0);
  expect(JSON.parse(child.stderr)).toEqual({
    exports: 'function',
    result: {
      taskArns: ['arn:aws:ecs:eu-west-1:123456789012:task/jobs/reports-prod-report'],
      clientToken: expect.stringMatching(/^[0-9a-f]{64}$/),
    },
  });
  expect(child.stdout).toMatch(/"event":"runner.started"/);
});

test('the bundled failure consumer loads in a fresh node and publishes a diagnosis', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'diagnose.js'), entry('diagnose.js'));
  const event = {
    Records: [
      {
        messageId: 'm-1',
        body: JSON.stringify({
          'detail-type': 'ECS Task State Change',
          source: 'aws.ecs',
          detail: {
            taskArn: 'arn:aws:ecs:eu-west-1:123456789012:task/jobs/abc',
            taskDefinitionArn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/report:3',
            lastStatus: 'STOPPED',
            stopCode: 'TaskFailedToStart',
            stoppedReason:
              'ResourceInitializationError: unable to pull secrets or registry auth: pull command failed: : signal: killed',
            containers: [{ name: 'report' }],
          },
        }),
      },
    ],
  };
  // SNS speaks the query protocol (XML) or JSON depending on the SDK release: answer either.
  const script = `
    const http = require('node:http');
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const json = String(req.headers['content-type']).includes('json');
        console.error(JSON.stringify({ request: body.includes('TopicArn') && body.includes('signal') }));
        res.setHeader('content-type', json ? 'application/x-amz-json-1.0' : 'text/xml');
        res.end(json ? '{"MessageId":"1"}' : '<PublishResponse><PublishResult><MessageId>1</MessageId></PublishResult></PublishResponse>');
        server.close();
      });
    });
    server.listen(0, '127.0.0.1', async () => {
      process.env.AWS_ENDPOINT_URL_SNS = 'http://127.0.0.1:' + server.address().port;
      const { handler } = require('./diagnose.js');
      console.error(JSON.stringify({ result: await handler(${JSON.stringify(event)}) }));
    });`;
  const child = runNode(dir, script, {
    FAILURES_CONFIG: JSON.stringify({
      topicArn: 'arn:aws:sns:eu-west-1:123456789012:failures',
      assignPublicIp: false,
    }),
  });
  expect(child.status).toBe(0);
  expect(
    child.stderr
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line)),
  ).toEqual([{ request: true }, { result: { batchItemFailures: [] } }]);
  expect(child.stdout).toMatch(/"event":"task.failed".*"kind":"no-route"/);
});

describe('cachedRunnerBundle', () => {
  test('builds the same zip as bundleRunner and records every input esbuild read', () => {
    const cache = tempDir();
    const bundle = cachedRunnerBundle(cache);
    expect(bundle.sha256).toBe(first.sha256);
    expect(readFileSync(bundle.zipPath)).toEqual(zip);
    const [key] = readdirSync(cache);
    const record = JSON.parse(readFileSync(join(cache, key, 'record.json'), 'utf8'));
    expect(Object.keys(record.inputs)).toContain(resolve(__dirname, '../../src/runner/handler.ts'));
    expect(Object.keys(record.inputs).some((file) => file.includes('@aws-sdk/client-ecs'))).toBe(
      true,
    );
    expect(record.sha256).toBe(first.sha256);
  });

  test('reuses a fresh zip and rebuilds when an input changed since', () => {
    const cache = tempDir();
    const built = cachedRunnerBundle(cache);
    const recordPath = join(dirname(built.zipPath), 'record.json');
    const reused = cachedRunnerBundle(cache);
    const recordWritten = statSync(recordPath).mtimeMs;
    expect(cachedRunnerBundle(cache)).toEqual(built);
    expect(reused).toEqual(built);
    expect(statSync(recordPath).mtimeMs).toBe(recordWritten); // not rewritten: nothing was rebuilt

    // Pretend the handler's source was different when the zip was built.
    const record = JSON.parse(readFileSync(recordPath, 'utf8'));
    const handler = Object.keys(record.inputs).find((file) => file.endsWith('handler.ts'))!;
    writeFileSync(
      recordPath,
      JSON.stringify({ ...record, inputs: { ...record.inputs, [handler]: 'stale' } }),
    );
    writeFileSync(built.zipPath, 'not the zip');
    const rebuilt = cachedRunnerBundle(cache);
    expect(rebuilt.sha256).toBe(first.sha256);
    expect(readFileSync(rebuilt.zipPath)).toEqual(zip);
    expect(JSON.parse(readFileSync(recordPath, 'utf8')).inputs[handler]).not.toBe('stale');
  });
});

test('bundles the same bytes from an installed package, which has no tsconfig.json', () => {
  // An installed package ships src/errors.ts, src/aws/patterns.ts and src/runner/*.ts, without
  // the project's tsconfig.
  const root = resolve(__dirname, '../..');
  const installed = join(tempDir(), 'node_modules', 'cdktf-fargate-runner');
  for (const file of [
    'src/errors.ts',
    'src/aws/patterns.ts',
    ...readdirSync(join(root, 'src/runner')).map((f) => `src/runner/${f}`),
  ]) {
    mkdirSync(dirname(join(installed, file)), { recursive: true });
    writeFileSync(join(installed, file), readFileSync(join(root, file)));
  }
  symlinkSync(join(root, 'node_modules'), join(installed, 'node_modules'));
  const options = handlerBuildOptions();
  const fromPackage = buildSync({
    ...options,
    entryPoints: [join(installed, 'src/runner/handler.ts')],
    absWorkingDir: join(installed, 'src/runner'),
  }).outputFiles[0].contents;
  expect(Buffer.from(fromPackage)).toEqual(Buffer.from(buildSync(options).outputFiles[0].contents));
});
