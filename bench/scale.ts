// A generated environment with N task definitions and N runners (each bound to one task), for
// the scaling benchmark: node .gen/bench/scale.js <N> <outdir>
import { TerraformStack, type App, type TerraformElement } from 'cdktf';
import { type Node } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { EcsCluster } from '../modules/ecs-cluster';
import { FargateTaskDefinition } from '../modules/fargate-task-definition';
import { LambdaRunner } from '../modules/lambda-runner';
import { ReadableLogicalIds } from '../src/readable-ids';
import { synthesizeAtomically } from '../src/synth-output';

class ScaleStack extends TerraformStack {
  private readonly ids = new ReadableLogicalIds(this);

  constructor(app: App, count: number) {
    super(app, `fargate-runner-scale-${count}`);
    new AwsProvider(this, 'aws', { region: 'eu-west-1' });
    const cluster = new EcsCluster(this, 'cluster', { clusterName: 'scale' });
    for (let i = 0; i < count; i++) {
      const task = new FargateTaskDefinition(this, `task_${i}`, {
        family: `scale-task-${i}`,
        cpu: 256,
        memoryMiB: 512,
        containers: [
          {
            name: 'app',
            image: `123456789012.dkr.ecr.eu-west-1.amazonaws.com/app-${i}:1.0`,
            secrets: {
              DB_PASSWORD: `arn:aws:secretsmanager:eu-west-1:123456789012:secret:app-${i}/db-AbCdEf`,
            },
          },
        ],
      });
      new LambdaRunner(this, `runner_${i}`, {
        functionName: `scale-runner-${i}`,
        cluster,
        tasks: { app: task },
        subnetIds: ['subnet-0123456789abcdef0'],
        securityGroupIds: ['sg-0123456789abcdef0'],
      });
    }
  }

  protected override allocateLogicalId(element: TerraformElement | Node): string {
    return this.ids.allocate(element);
  }
}

const [count, outdir] = process.argv.slice(2);
synthesizeAtomically(outdir, (app) => new ScaleStack(app, Number(count))).catch(
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
