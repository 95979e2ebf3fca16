import { definePolicy } from '../workload-policy';

/** Pod Security (restricted): the container runtime's default seccomp profile. */
export const RequireRuntimeDefaultSeccomp = definePolicy({
  name: 'require-runtime-default-seccomp',
  title: 'Require the RuntimeDefault seccomp profile',
  category: 'Pod Security',
  severity: 'medium',
  description:
    'Without a seccomp profile a container may call every system call of the node kernel. seccompProfile.type must be ' +
    'RuntimeDefault, set on the pod or on each container; no container may choose another type.',
  validations: [
    {
      expression:
        "variables.allContainers.all(c, c.?securityContext.?seccompProfile.?type.orValue(variables.podSpec.?securityContext.?seccompProfile.?type.orValue('')) == 'RuntimeDefault')",
      message: 'seccompProfile.type must be RuntimeDefault, on the pod or on every container',
      messageExpression:
        "'seccompProfile.type must be RuntimeDefault (on the pod or the container) for: ' + variables.allContainers.filter(c, c.?securityContext.?seccompProfile.?type.orValue(variables.podSpec.?securityContext.?seccompProfile.?type.orValue('')) != 'RuntimeDefault').map(c, c.name).join(', ')",
    },
  ],
});
