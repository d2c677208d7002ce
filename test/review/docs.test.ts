import { Testing } from 'cdktf';
import * as fs from 'fs';
import * as path from 'path';
import { permissionDiagram } from '../../src/review/diagram';
import { renderDiagrams } from '../../src/review/render';
import { type StackJson } from '../../src/review/terraform-json';
import { staging } from '../../stacks/environments/staging';
import { FargateRunnerStack } from '../../stacks/fargate-runner-stack';

test('docs/permissions.md and the README show the permission diagram of the staging stack as it synthesizes now', () => {
  const stack = new FargateRunnerStack(Testing.app(), staging);
  const json = JSON.parse(Testing.synth(stack, true)) as StackJson;
  const expected = renderDiagrams([
    { stack: 'fargate-runner-staging', diagram: permissionDiagram(json) },
  ]);
  const file = path.resolve(__dirname, '../../docs/permissions.md');
  // When the stack changes: npm run synth && npm run review -- --diagram --stack fargate-runner-staging -o docs/permissions.md
  // (and copy its mermaid block into the README).
  expect(fs.readFileSync(file, 'utf8')).toBe(expected);
  const mermaid = /```mermaid\n[\s\S]*?\n```/.exec(expected)![0];
  expect(fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8')).toContain(mermaid);
});
