import { testConfig } from '../../runner/support';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { buildZip, bundleRunner } from '../../../modules/lambda-runner/bundle';
import { readZip, temporaryFolders } from './support';

// Each bundle is built once here and shared by the tests below (esbuild takes ~0.3 s a bundle);
// bundle-cache.integration.test.ts builds it again, elsewhere, and checks the bytes are the same.

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

const tempDir = temporaryFolders();

let first: ReturnType<typeof bundleRunner>;
/** The runner's zip and the failure consumer's. */
let zip: Buffer;
let diagnoseZip: Buffer;
beforeAll(() => {
  first = bundleRunner(join(tempDir(), 'nested', 'out'));
  zip = readFileSync(first.zipPath);
  diagnoseZip = Buffer.from(buildZip('diagnose').zip);
});

test('reports the zip it wrote: path, size and SHA-256', () => {
  expect(first.zipPath).toMatch(/nested\/out\/runner\.zip$/);
  expect(first.bytes).toBe(zip.length);
  expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
  expect(first.bytes).toBeLessThanOrEqual(120 * 1024);
});

test('zips the same bytes in every time zone', () => {
  // jest gives each test file its own copy of process.env, so setting TZ here would not reach
  // Node's clock: zip.ts runs in child processes with TZ set in their real environment.
  const zipModule = join(__dirname, '../../../node_modules/.cache/runner-test/zip.cjs');
  buildSync({
    entryPoints: [join(__dirname, '../../../modules/lambda-runner/zip.ts')],
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

/** The bytes of the one file of a zip. */
const entry = (of: Buffer, name: string) => readZip(of).find((e) => e.name === name)!.data;

test('each zip holds exactly its handler, deflated, with a fixed timestamp and permissions', () => {
  expect(readZip(zip).map((e) => e.name)).toEqual(['index.js']);
  expect(readZip(diagnoseZip).map((e) => e.name)).toEqual(['diagnose.js']);
  for (const e of [...readZip(zip), ...readZip(diagnoseZip)])
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
  for (const { data } of [...readZip(zip), ...readZip(diagnoseZip)]) {
    const code = data.toString('utf8');
    expect(code).not.toContain(resolve(__dirname, '../../..'));
    expect(code).not.toContain(tmpdir());
    expect(code).not.toMatch(/sourceMappingURL/);
    expect(code).not.toMatch(/\/(?:home|root|Users|work)\/[\w-]+\//);
  }
});

test("the runner's zip holds none of the failure consumer's code (its SNS client)", () => {
  const sns = 'AmazonSimpleNotificationService';
  expect(entry(zip, 'index.js').toString('utf8')).not.toContain(sns);
  expect(entry(diagnoseZip, 'diagnose.js').toString('utf8')).toContain(sns);
});

const unzip = spawnSync('unzip', ['-v']).status === 0;
(unzip ? test : test.skip)('unzip tests both as valid archives', () => {
  const diagnosePath = join(tempDir(), 'diagnose.zip');
  writeFileSync(diagnosePath, diagnoseZip);
  for (const path of [first.zipPath, diagnosePath])
    expect(execFileSync('unzip', ['-tq', path], { encoding: 'utf8' })).toMatch(
      /No errors detected/,
    );
});

test('the bundled handler loads in a fresh node from another directory and starts a task', () => {
  // A child process: real Node module loading, no jest registry, no node_modules nearby.
  const dir = tempDir();
  writeFileSync(join(dir, 'index.js'), entry(zip, 'index.js'));
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
  writeFileSync(join(dir, 'diagnose.js'), entry(diagnoseZip, 'diagnose.js'));
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
