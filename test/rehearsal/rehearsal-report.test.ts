import { NOT_RUN, notExercisedWith } from '../../lib/rehearsal/rehearsal';
import { formatSummary, formatWave, type RehearsalReport } from '../../lib/rehearsal/rehearsal-report';
import type { LocalController, Scenario } from '../../lib/rehearsal/local-controllers/local-controller';

const controller = (name: string, notExercised: string[] = []): LocalController => ({ name, binaries: [], notExercised, canStart: async () => true, start: async () => undefined });
const scenario = (name: string, notExercised: string[] = []): Scenario => ({ name, controllers: [], notExercised, run: async () => [] });

describe('rehearsal report', () => {
  test('a controller that runs replaces its "not run" line by its own limits; scenarios add theirs', () => {
    const lines = notExercisedWith([controller('argo-rollouts', ['traffic is not split'])], [scenario('canary apps/api', ['no real traffic'])]);
    expect(lines).not.toContain(NOT_RUN['argo-rollouts']);
    expect(lines).toContain(NOT_RUN.keda);
    expect(lines).toContain('argo-rollouts: traffic is not split');
    expect(lines).toContain('canary apps/api: no real traffic');
  });

  test('the summary shows each scenario result with its details and events, n/a for a feature that is off', () => {
    const report: RehearsalReport = {
      env: 'dev', translation: [], waves: [], invariants: [], notExercised: [], failures: ['scenario "canary apps/api: good metrics promote": setWeight 40 missing'], seconds: 90,
      scenarios: [
        { name: 'canary apps/api', seconds: 20, results: [{ name: 'canary apps/api: good metrics promote', passed: false, details: ['setWeight 40 missing'], events: ['Rollout api: RolloutUpdated: Rollout updated to revision 2'] }] },
        { name: 'scale to zero off hours', seconds: 0, results: [{ name: 'scale to zero off hours', passed: true, applicable: false, details: ['not applicable: prod does not sleep'], events: [] }] },
      ],
    };
    const text = formatSummary(report);
    expect(text).toContain('dev: scenario canary apps/api [20 s]\n  FAIL canary apps/api: good metrics promote\n         setWeight 40 missing\n         events:\n           Rollout api: RolloutUpdated: Rollout updated to revision 2');
    expect(text).toContain('  n/a  scale to zero off hours\n         not applicable: prod does not sleep');
    expect(text.endsWith('dev: rehearsal FAILED in 90 s, 1 reason(s):\n  - scenario "canary apps/api: good metrics promote": setWeight 40 missing')).toBe(true);
  });

  test('a wave lists the controllers started after it', () => {
    const wave = { wave: '1', applications: ['dev-argo-rollouts'], applied: 3, skipped: [], rejections: [], warnings: [], unhealthy: [], pending: [], stillPending: 0, nodeClaims: [], standIns: [], controllersStarted: ['argo-rollouts (0.3 s)'], seconds: 2 };
    expect(formatWave('dev', wave)).toContain('\n  started local controller argo-rollouts (0.3 s)');
  });
});
