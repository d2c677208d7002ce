import { Testing } from 'cdktf';
import * as fs from 'fs';
import * as path from 'path';
import { permissionDiagram } from '../../src/review/diagram';
import { renderDiagrams } from '../../src/review/render';
import { type StackJson } from '../../src/review/terraform-json';
import { dev } from '../../stacks/environments/dev';
import { FargateRunnerStack } from '../../stacks/fargate-runner-stack';

test('docs/permissions.md is the permission diagram of the dev stack as it synthesizes now', () => {
  const stack = new FargateRunnerStack(Testing.app(), dev);
  const json = JSON.parse(Testing.synth(stack, true)) as StackJson;
  const expected = renderDiagrams([
    { stack: 'fargate-runner-dev', diagram: permissionDiagram(json) },
  ]);
  const file = path.resolve(__dirname, '../../docs/permissions.md');
  // When the stack changes: npm run synth && npm run review -- --diagram --stack fargate-runner-dev -o docs/permissions.md
  expect(fs.readFileSync(file, 'utf8')).toBe(expected);
});
