import type { Scenario, ScenarioResult } from '../local-controllers/local-controller';

/** A behaviour the environment does not have (its feature is off): reported as not applicable, not failed. */
export class NotApplicableScenario implements Scenario {
  readonly controllers: readonly string[] = [];

  constructor(readonly name: string, private readonly reason: string) {}

  async run(): Promise<ScenarioResult[]> {
    return [{ name: this.name, passed: true, applicable: false, details: [`not applicable: ${this.reason}`], events: [] }];
  }
}
