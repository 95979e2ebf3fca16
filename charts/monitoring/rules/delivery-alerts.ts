import type { RuleGroup } from '../../../lib/observability';

/** Alerts on KEDA scalers and Argo Rollouts progressive delivery. */
export function deliveryRuleGroups(): RuleGroup[] {
  return [
    {
      name: 'keda',
      rules: [
        {
          alert: 'KedaScalerErrors',
          expr: 'sum by (namespace, scaledObject, scaler) (rate(keda_scaler_detail_errors_total[5m])) > 0',
          for: '10m',
          severity: 'warning',
          summary: 'KEDA scaler {{ $labels.scaler }} of {{ $labels.namespace }}/{{ $labels.scaledObject }} keeps failing',
          description: 'The scaler cannot read its metric, so the workload no longer scales on it (the HPA keeps the last replica count or falls back). Check the trigger authentication and the event source.',
        },
      ],
    },
    {
      name: 'argo-rollouts',
      rules: [
        {
          alert: 'RolloutAborted',
          expr: 'max by (namespace, name) (rollout_info{phase="Abort"}) == 1',
          for: '1m',
          severity: 'warning',
          summary: 'Rollout {{ $labels.namespace }}/{{ $labels.name }} was aborted',
          description: 'The canary was rolled back (failed analysis or manual abort); traffic is on the stable version. Inspect the AnalysisRuns of the rollout.',
        },
        {
          alert: 'RolloutFailed',
          expr: 'max by (namespace, name, phase) (rollout_info{phase=~"Error|Timeout|InvalidSpec"}) == 1',
          for: '5m',
          severity: 'warning',
          summary: 'Rollout {{ $labels.namespace }}/{{ $labels.name }} is in phase {{ $labels.phase }}',
          description: 'The rollout cannot progress (invalid spec, ReplicaSet creation error or progress deadline exceeded).',
        },
        {
          alert: 'RolloutAnalysisFailed',
          expr: 'max by (namespace, name, phase) (analysis_run_info{phase=~"Failed|Error"}) == 1',
          for: '1m',
          severity: 'info',
          summary: 'AnalysisRun {{ $labels.namespace }}/{{ $labels.name }} ended {{ $labels.phase }}',
          description: 'A canary analysis failed; the owning rollout aborts when the analysis gates a step.',
        },
      ],
    },
  ];
}
