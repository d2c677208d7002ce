import { ArnKinds } from '../aws/arn';
import { ROLE_NAME, ROLE_NAME_ALLOWED } from '../naming';
import { arnMessage, arnPattern, Check, Inputs } from './variables';

/** The inputs every role module shares: name, path, boundary, session duration, tags. */
export const roleVariables = (example: string) => ({
  role_name: Inputs.string({
    description: `Name of the role: ${ROLE_NAME_ALLOWED}.`,
    example,
    validation: [Check.pattern(ROLE_NAME.source, `role_name must be ${ROLE_NAME_ALLOWED}.`)],
  }),
  ...roleOptionVariables(),
  tags: Inputs.stringMap({
    description: "Tags of the role, in addition to the provider's default tags.",
    default: {},
  }),
});

/** Path, permissions boundary and session duration of the roles a module creates. */
export const roleOptionVariables = () => ({
  path: Inputs.string({
    description: 'IAM path of the role: "/" or "/<segments>/".',
    default: '/',
    validation: [
      Check.pattern('^/(?:[\\x21-\\x7E]{1,510}/)?$', 'path must be "/" or start and end with "/".'),
    ],
  }),
  permissions_boundary_arn: Inputs.string({
    description: 'ARN of a managed policy used as the permissions boundary of the role.',
    default: null,
    validation: [
      Check.pattern(
        arnPattern(ArnKinds.iamPolicy),
        arnMessage(ArnKinds.iamPolicy, 'permissions_boundary_arn'),
      ),
    ],
  }),
  max_session_duration_seconds: Inputs.number({
    description: 'Maximum session duration of the role, 3600 to 43200 seconds.',
    default: 3600,
    validation: [
      Check.range(
        3600,
        43200,
        'max_session_duration_seconds must be a whole number from 3600 to 43200.',
      ),
    ],
  }),
});

/** An input of ARNs of one kind, each validated for its service and resource type. */
export const arnList = (kind: (typeof ArnKinds)[keyof typeof ArnKinds], description: string) =>
  Inputs.stringList({
    description,
    default: [],
    validation: [Check.eachPattern(arnPattern(kind), arnMessage(kind))],
  });

/** A complete Secrets Manager secret ARN: with the six-character suffix AWS appends to the name. */
export const COMPLETE_SECRET_ARN = arnPattern(ArnKinds.secretsManagerSecret).replace(
  /\)\$$/,
  '-[A-Za-z0-9]{6})$',
);

/** An input of complete Secrets Manager secret ARNs. */
export const secretArnList = (description: string) =>
  Inputs.stringList({
    description,
    default: [],
    validation: [
      Check.eachPattern(
        COMPLETE_SECRET_ARN,
        `Each item must be a complete Secrets Manager secret ARN, such as ${ArnKinds.secretsManagerSecret.example}.`,
      ),
    ],
  });
