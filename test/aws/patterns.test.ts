import { Patterns } from '../../src/aws/patterns';
import { parseRunnerConfig } from '../../src/runner/config';
import { testConfig } from '../runner/support';
import { buildRunner } from '../support/runner';

const runnerWithTask = (taskName: string) => () => buildRunner({}, taskName);

const runnerAccepts = (taskName: string) => {
  const config = testConfig({
    tasks: { [taskName]: { taskDefinition: 'jobs', container: 'app' } },
  });
  try {
    parseRunnerConfig(JSON.stringify(config));
    return true;
  } catch {
    return false;
  }
};

describe('one rule per constraint', () => {
  test.each(['nightly.report', 'a'.repeat(65), 'with space'])(
    'the construct and the runner both refuse the task name %j',
    (name) => {
      expect(runnerWithTask(name)).toThrow(
        `tasks key is not allowed: received ${JSON.stringify(name)}; allowed: ${Patterns.runnerTaskName.allowed}`,
      );
      expect(runnerAccepts(name)).toBe(false);
    },
  );

  test.each(['nightly_report', 'Report-2', 'a'.repeat(64)])(
    'the construct and the runner both accept the task name %j',
    (name) => {
      expect(runnerWithTask(name)).not.toThrow();
      expect(runnerAccepts(name)).toBe(true);
    },
  );

  test('the runner refuses the subnet IDs the construct refuses, with the same words', () => {
    const config = testConfig({ subnets: ['subnet-xyz'] });
    expect(() => parseRunnerConfig(JSON.stringify(config))).toThrow(
      `subnets[0] is not allowed: received "subnet-xyz"; allowed: ${Patterns.subnetId.allowed}`,
    );
  });
});
