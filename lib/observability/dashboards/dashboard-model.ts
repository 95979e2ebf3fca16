import { assertRule, integerRule, positiveIntegerRule } from '../../config/checks';
/**
 * A small typed model of a Grafana dashboard (JSON model, schema 39): rows, time-series and stat
 * panels on Prometheus, and query variables. Panels are laid out left to right on the 24-column
 * grid, wrapping to a new line, so callers never compute coordinates.
 */

/** Grafana unit ids used by the platform's dashboards. */
export type PanelUnit = 'short' | 'none' | 'percentunit' | 'currencyUSD' | 's' | 'reqps' | 'bytes';

export type PanelKind = 'timeseries' | 'stat';

/** One PromQL query of a panel. */
export interface PrometheusQuery {
  readonly expr: string;
  /** Legend template, e.g. `{{capacity_type}}`. @default - Grafana's automatic legend */
  readonly legend?: string;
}

export interface PanelOptions {
  readonly title: string;
  /** Shown as the panel's info tooltip. @default - none */
  readonly description?: string;
  readonly queries: readonly PrometheusQuery[];
  /** @default 'short' */
  readonly unit?: PanelUnit;
  /** Grid columns (1-24). @default 12 */
  readonly width?: number;
  /** Grid rows. @default 8 */
  readonly height?: number;
  /** Stack series (time series panels only). @default false */
  readonly stacked?: boolean;
  /** Decimals shown. @default - Grafana's automatic choice */
  readonly decimals?: number;
}

/** A dashboard variable filled from `label_values(<metric>, <label>)`. */
export interface LabelVariable {
  readonly name: string;
  readonly label: string;
  readonly metric: string;
  /** Label whose values the variable offers. @default - same as `name` */
  readonly valuesOf?: string;
  /** Offer "All" and multiple selection. @default true */
  readonly multi?: boolean;
}

export interface DashboardModelProps {
  /** Stable uid (at most 40 characters: letters, digits, - and _); links and the ConfigMap use it. */
  readonly uid: string;
  readonly title: string;
  /** @default [] */
  readonly tags?: readonly string[];
  /** Default time range start. @default 'now-6h' */
  readonly from?: string;
  /** Auto-refresh interval. @default '1m' */
  readonly refresh?: string;
  /** Data source uid of the Prometheus every panel queries. @default 'prometheus' */
  readonly datasourceUid?: string;
  /** @default [] */
  readonly variables?: readonly LabelVariable[];
}

const UID = /^[A-Za-z0-9_-]{1,40}$/;
const VARIABLE = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const GRID_COLUMNS = 24;

interface PlacedPanel {
  readonly json: Record<string, unknown>;
}

/** A dashboard under construction; `toJson()` returns the Grafana JSON model. */
export class DashboardModel {
  public readonly uid: string;
  public readonly title: string;
  private readonly props: DashboardModelProps;
  private readonly panels: PlacedPanel[] = [];
  private x = 0;
  private y = 0;
  private lineHeight = 0;

  constructor(props: DashboardModelProps) {
    if (!UID.test(props.uid)) {
      throw new Error(`DashboardModel ${props.title}: uid = ${JSON.stringify(props.uid)}: must be 1-40 letters, digits, - or _`);
    }
    for (const variable of props.variables ?? []) {
      if (!VARIABLE.test(variable.name)) {
        throw new Error(`DashboardModel ${props.uid}: variable ${JSON.stringify(variable.name)}: must be a name of letters, digits and _`);
      }
    }
    this.uid = props.uid;
    this.title = props.title;
    this.props = props;
  }

  /** Starts a new row titled `title` below everything placed so far. */
  public addRow(title: string): this {
    this.newLine();
    this.panels.push({ json: { type: 'row', title, collapsed: false, gridPos: { h: 1, w: GRID_COLUMNS, x: 0, y: this.y }, panels: [] } });
    this.y += 1;
    return this;
  }

  /** Adds a panel of `kind` after the previous one, wrapping when the line is full. */
  public addPanel(kind: PanelKind, options: PanelOptions): this {
    const width = options.width ?? 12;
    const height = options.height ?? 8;
    const where = `DashboardModel ${this.uid} panel ${JSON.stringify(options.title)}`;
    assertRule(where, 'width', width, integerRule(width, 1, GRID_COLUMNS));
    assertRule(where, 'height', height, positiveIntegerRule(height));
    if (options.queries.length === 0) throw new Error(`${where}: queries = []: must have at least one query`);
    if (options.queries.some((q) => !q.expr.trim())) throw new Error(`${where}: a query has an empty expr`);
    if (options.stacked && kind !== 'timeseries') throw new Error(`${where}: stacked is only for timeseries panels`);
    if (this.x + width > GRID_COLUMNS) this.newLine();
    const gridPos = { h: height, w: width, x: this.x, y: this.y };
    this.x += width;
    this.lineHeight = Math.max(this.lineHeight, height);
    this.panels.push({ json: this.panelJson(kind, options, gridPos) });
    return this;
  }

  /** Every PromQL expression of the dashboard, in panel order (for tests and linters). */
  public get queries(): readonly string[] {
    return this.panels.flatMap((p) => ((p.json.targets as { expr: string }[] | undefined) ?? []).map((t) => t.expr));
  }

  /** Titles of the panels (rows excluded), in order. */
  public get panelTitles(): readonly string[] {
    return this.panels.filter((p) => p.json.type !== 'row').map((p) => String(p.json.title));
  }

  public toJson(): Record<string, unknown> {
    const datasource = this.datasource();
    return {
      uid: this.uid,
      title: this.title,
      tags: [...(this.props.tags ?? [])],
      editable: false,
      graphTooltip: 1,
      schemaVersion: 39,
      refresh: this.props.refresh ?? '1m',
      time: { from: this.props.from ?? 'now-6h', to: 'now' },
      timezone: 'utc',
      templating: {
        list: (this.props.variables ?? []).map((v) => ({
          name: v.name,
          label: v.label,
          type: 'query',
          datasource,
          definition: `label_values(${v.metric}, ${v.valuesOf ?? v.name})`,
          query: { query: `label_values(${v.metric}, ${v.valuesOf ?? v.name})`, refId: 'PrometheusVariableQueryEditor-VariableQuery' },
          refresh: 2,
          includeAll: v.multi ?? true,
          multi: v.multi ?? true,
          sort: 1,
        })),
      },
      annotations: { list: [] },
      panels: this.panels.map((p, i) => ({ id: i + 1, ...p.json })),
    };
  }

  private newLine(): void {
    this.y += this.lineHeight;
    this.x = 0;
    this.lineHeight = 0;
  }

  private datasource(): { type: string; uid: string } {
    return { type: 'prometheus', uid: this.props.datasourceUid ?? 'prometheus' };
  }

  private panelJson(kind: PanelKind, options: PanelOptions, gridPos: Record<string, number>): Record<string, unknown> {
    const datasource = this.datasource();
    const defaults: Record<string, unknown> = { unit: options.unit ?? 'short' };
    if (options.decimals !== undefined) defaults.decimals = options.decimals;
    if (kind === 'timeseries') {
      defaults.custom = { drawStyle: 'line', fillOpacity: options.stacked ? 30 : 10, stacking: { mode: options.stacked ? 'normal' : 'none', group: 'A' } };
    }
    return {
      type: kind,
      title: options.title,
      description: options.description,
      datasource,
      gridPos,
      fieldConfig: { defaults, overrides: [] },
      options:
        kind === 'stat'
          ? { reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false }, colorMode: 'value', graphMode: 'area', textMode: 'auto' }
          : { legend: { displayMode: 'table', placement: 'bottom', showLegend: true, calcs: ['lastNotNull'] }, tooltip: { mode: 'multi', sort: 'desc' } },
      targets: options.queries.map((q, i) => ({
        refId: String.fromCharCode(65 + i),
        datasource,
        expr: q.expr,
        legendFormat: q.legend ?? '__auto',
        range: true,
      })),
    };
  }
}
