import { Construct } from 'constructs';
import { PrometheusRule, PrometheusRuleSpecGroupsRulesExpr } from '../../imports/kube-prometheus-stack-monitoring.coreos.com';
import { checkPrometheusDuration } from './prometheus-duration';

/** How urgent an alert is; Alertmanager routes `critical` to the pager. */
export type AlertSeverity = 'critical' | 'warning' | 'info';

const SEVERITIES: readonly AlertSeverity[] = ['critical', 'warning', 'info'];
const ALERT_NAME = /^[A-Z][A-Za-z0-9]*$/;
const RECORD_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** An alerting rule. */
export interface AlertRule {
  /** Alert name in PascalCase, e.g. `KarpenterNodePoolNearLimit`. */
  readonly alert: string;
  /** PromQL expression; every series it returns is a firing alert. */
  readonly expr: string;
  /** How long the condition must hold before the alert fires. @default - fires on the first evaluation */
  readonly for?: string;
  readonly severity: AlertSeverity;
  /** One line for the notification title. */
  readonly summary: string;
  /** What is wrong and what to look at; may use `{{ $labels.x }}` and `{{ $value }}`. */
  readonly description: string;
  /** Extra labels (e.g. the SLO windows). @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}

/** A recording rule: precomputes `expr` as the series `record`. */
export interface RecordingRule {
  /** Series name, by convention `level:metric:operations`. */
  readonly record: string;
  readonly expr: string;
  /** Labels added to the recorded series. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}

export interface RuleGroup {
  /** Group name, unique within the PrometheusRule. */
  readonly name: string;
  /** Evaluation interval. @default - Prometheus' global evaluation interval */
  readonly interval?: string;
  readonly rules: readonly (AlertRule | RecordingRule)[];
}

export interface AlertRulesProps {
  /** PrometheusRule name. */
  readonly name: string;
  readonly namespace: string;
  readonly groups: readonly RuleGroup[];
}

function isAlert(rule: AlertRule | RecordingRule): rule is AlertRule {
  return (rule as AlertRule).alert !== undefined;
}

/** A PrometheusRule of typed alerting and recording rules; every alert carries a severity. */
export class AlertRules extends Construct {
  public readonly name: string;
  /** Alert names, in the order they are declared (an alert with several windows appears once). */
  public readonly alertNames: readonly string[];

  constructor(scope: Construct, id: string, props: AlertRulesProps) {
    super(scope, id);
    const construct = `AlertRules ${props.name}`;
    if (props.groups.length === 0) throw new Error(`${construct}: groups = []: must declare at least one rule group`);
    const groupNames = new Set<string>();
    for (const group of props.groups) {
      if (!group.name) throw new Error(`${construct}: a group has no name: give every group a unique name`);
      if (groupNames.has(group.name)) throw new Error(`${construct}: group ${group.name}: duplicate group name; group names must be unique`);
      groupNames.add(group.name);
      if (group.interval !== undefined) checkPrometheusDuration(`${construct} group ${group.name}`, 'interval', group.interval);
      if (group.rules.length === 0) throw new Error(`${construct}: group ${group.name}: rules = []: must contain at least one rule`);
      group.rules.forEach((rule) => checkRule(`${construct} group ${group.name}`, rule));
    }
    this.name = props.name;
    this.alertNames = [...new Set(props.groups.flatMap((g) => g.rules.filter(isAlert).map((r) => r.alert)))];

    new PrometheusRule(this, 'resource', {
      metadata: { name: props.name, namespace: props.namespace, labels: { 'app.kubernetes.io/name': props.name } },
      spec: {
        groups: props.groups.map((group) => ({
          name: group.name,
          interval: group.interval,
          rules: group.rules.map((rule) =>
            isAlert(rule)
              ? {
                  alert: rule.alert,
                  expr: PrometheusRuleSpecGroupsRulesExpr.fromString(rule.expr),
                  for: rule.for,
                  labels: { ...rule.labels, severity: rule.severity },
                  annotations: { summary: rule.summary, description: rule.description },
                }
              : {
                  record: rule.record,
                  expr: PrometheusRuleSpecGroupsRulesExpr.fromString(rule.expr),
                  labels: rule.labels && Object.keys(rule.labels).length > 0 ? { ...rule.labels } : undefined,
                },
          ),
        })),
      },
    });
  }
}

function checkRule(where: string, rule: AlertRule | RecordingRule): void {
  if (isAlert(rule)) {
    const id = `${where} alert ${rule.alert}`;
    if (!ALERT_NAME.test(rule.alert)) throw new Error(`${id}: alert = ${JSON.stringify(rule.alert)}: must be PascalCase letters and digits, e.g. NodePoolNearLimit`);
    if (!SEVERITIES.includes(rule.severity)) throw new Error(`${id}: severity = ${JSON.stringify(rule.severity)}: must be one of ${SEVERITIES.join(', ')}`);
    if (!rule.summary.trim()) throw new Error(`${id}: summary is empty: say in one line what is wrong`);
    if (!rule.description.trim()) throw new Error(`${id}: description is empty: say what is wrong and where to look`);
    if (rule.for !== undefined) checkPrometheusDuration(id, 'for', rule.for);
    if (rule.labels && 'severity' in rule.labels) throw new Error(`${id}: labels.severity is set: use the severity prop`);
    checkExpr(id, rule.expr);
  } else {
    const id = `${where} record ${rule.record}`;
    if (!RECORD_NAME.test(rule.record)) throw new Error(`${id}: record = ${JSON.stringify(rule.record)}: must be a metric name such as job:http_requests:rate5m`);
    checkExpr(id, rule.expr);
  }
}

// A cheap guard against broken expressions; the full grammar is promtool's to check.
function checkExpr(id: string, expr: string): void {
  if (!expr.trim()) throw new Error(`${id}: expr is empty`);
  let depth = 0;
  for (const ch of expr) {
    if (ch === '(' || ch === '{' || ch === '[') depth++;
    if (ch === ')' || ch === '}' || ch === ']') depth--;
    if (depth < 0) break;
  }
  if (depth !== 0) throw new Error(`${id}: expr = ${JSON.stringify(expr)}: brackets do not balance`);
}
