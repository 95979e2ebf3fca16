import { Chart, type App } from 'cdk8s';
import { k8s } from 'cdk8s-plus-29';
import { arm64SafetyCheck, CapacityChart } from '../../charts/capacity';
import { PLATFORM_CHECKS } from '../../charts/registry';
import { formatViolation } from '../../lib/config/violation';
import { ARCH_LABEL, GRAVITON_PREFERENCE } from '../../lib/scheduling';
import { envWith, testApp } from '../util';
import type { EnvironmentConfig } from '../../environments';

const LEGACY = '111111111111.dkr.ecr.eu-west-1.amazonaws.com/legacy/report';
const withLegacy = (overrides: object = {}) => envWith('prod', { capacity: { amd64OnlyImages: [LEGACY], ...overrides } });

function platformWith(config: EnvironmentConfig, pod: Partial<k8s.PodSpec>, image = `${LEGACY}:2.1`): App {
  const app = testApp();
  new CapacityChart(app, 'capacity', config);
  const chart = new Chart(app, 'apps', { disableResourceNameHashes: true });
  new k8s.KubeDeployment(chart, 'report', {
    metadata: { name: 'report', namespace: 'apps' },
    spec: { selector: { matchLabels: { app: 'report' } }, template: { metadata: { labels: { app: 'report' } }, spec: { containers: [{ name: 'main', image }], ...pod } } },
  });
  return app;
}

const check = (config: EnvironmentConfig, pod: Partial<k8s.PodSpec>, image?: string) => arm64SafetyCheck(platformWith(config, pod, image), config).map(formatViolation);
const pinnedAmd64 = { nodeSelector: { [ARCH_LABEL]: 'amd64' } };

describe('arm64 safety check', () => {
  test('fails when an amd64-only image requires arm64', () => {
    expect(check(withLegacy(), { nodeSelector: { [ARCH_LABEL]: 'arm64' } })).toEqual([
      `prod: chart apps: Deployment apps/report = "${LEGACY}:2.1": runs an image listed in capacity.amd64OnlyImages but requires arm64: ` +
        `pin it with nodeSelector ${ARCH_LABEL}: amd64 (and drop any arm64 preference), or publish a multi-arch image and unlist it`,
    ]);
  });

  test('fails when an amd64-only image prefers Graviton', () => {
    const affinity = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [GRAVITON_PREFERENCE] } } as unknown as k8s.Affinity;
    expect(check(withLegacy(), { ...pinnedAmd64, affinity }, `${LEGACY}@sha256:${'a'.repeat(64)}`)).toEqual([expect.stringContaining('but prefers arm64')]);
  });

  test('fails when an amd64-only image is not pinned and the pools may launch arm64', () => {
    expect(check(withLegacy(), {})).toEqual([expect.stringContaining('but is not pinned to amd64 (kubernetes.io/arch) and NodePool on-demand may launch arm64 for it')]);
  });

  test('passes when pinned to amd64, when the pools are amd64-only, or when the image is not listed', () => {
    expect(check(withLegacy(), pinnedAmd64)).toEqual([]);
    expect(check(withLegacy({ preferArm64: false }), {})).toEqual([]);
    expect(check(withLegacy(), {}, `${LEGACY}-v2:1.0`)).toEqual([]);
  });

  test('runs before anything is written', () => {
    expect(PLATFORM_CHECKS).toContain(arm64SafetyCheck);
  });
});
