import { defineModule } from '../../src/publish/definition';
import { Check, Inputs } from '../../src/publish/variables';
import { CONTAINER_INSIGHTS, EcsCluster } from '.';

/** The ECS cluster as a Terraform module (ECS Exec logging stays a construct option for now). */
export const ecsClusterModule = defineModule({
  name: 'ecs-cluster',
  description: [
    'An ECS cluster for Fargate tasks: Container Insights, and the FARGATE and FARGATE_SPOT',
    'capacity providers with all tasks on FARGATE by default.',
  ].join('\n'),
  variables: {
    cluster_name: Inputs.string({
      description: 'Name of the cluster: 1 to 255 letters, digits, - and _.',
      example: 'jobs-prod',
      validation: [
        Check.pattern(
          '^[A-Za-z0-9_-]{1,255}$',
          'cluster_name must be 1 to 255 letters, digits, - and _.',
        ),
      ],
    }),
    container_insights: Inputs.string({
      description: 'Container Insights: disabled, enabled or enhanced.',
      default: 'enabled',
      validation: [
        Check.oneOf(
          CONTAINER_INSIGHTS,
          'container_insights must be one of disabled, enabled, enhanced.',
        ),
      ],
    }),
    tags: Inputs.stringMap({
      description: "Tags of the cluster, in addition to the provider's default tags.",
      default: {},
    }),
  },
  build(scope, inputs) {
    const cluster = new EcsCluster(scope, 'this', {
      clusterName: inputs.cluster_name,
      containerInsights: inputs.container_insights as never,
      tags: inputs.tags,
    });
    return {
      cluster_name: { value: cluster.resource.name, description: 'Name of the cluster.' },
      cluster_arn: { value: cluster.clusterArn, description: 'ARN of the cluster.' },
    };
  },
});
