import { type TaskSettings } from '../../stacks/environments/schema';

/** A container with every optional container setting set: the settings tests and the plan of every setting share it. */
export const CONTAINER_SETTINGS = {
  entryPoint: ['/usr/bin/tini', '--'],
  user: '1000:1000',
  workingDirectory: '/srv/report',
  readonlyRootFilesystem: false,
  initProcessEnabled: true,
  stopTimeoutSeconds: 90,
} as const satisfies Partial<TaskSettings>;
