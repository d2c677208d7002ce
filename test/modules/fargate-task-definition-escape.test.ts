import { FargateTaskDefinition } from '../../modules/fargate-task-definition';
import { concretize, newStack, resourcesOfType, synth } from '../support/synth';

test('literal ${…} and %{…} in container values reach ECS as they are, not as Terraform references', () => {
  const stack = newStack();
  new FargateTaskDefinition(stack, 'report', {
    family: 'jobs-report',
    cpu: 256,
    memoryMiB: 512,
    containers: [
      {
        name: 'app',
        image: 'public.ecr.aws/acme/report:1',
        command: ['sh', '-c', 'echo ${HOME} %{x}'],
        environment: { GREETING: 'hello ${USER}' },
      },
    ],
  });
  const [definition] = Object.values(resourcesOfType(synth(stack), 'aws_ecs_task_definition'));
  const text = definition.container_definitions as string;
  expect(text).toContain('hello $${USER}');
  expect(text).toContain('%%{x}');
  // The data-source references (the log region) stay references.
  expect(text).toContain('"awslogs-region":"${data.aws_region.current.region}"');
  const [container] = JSON.parse(concretize(text));
  expect(container.environment).toEqual([{ name: 'GREETING', value: 'hello ${USER}' }]);
  expect(container.command).toEqual(['sh', '-c', 'echo ${HOME} %{x}']);
});
