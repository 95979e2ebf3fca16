/**
 * AWS regions this platform may deploy to, with their availability-zone letters
 * (from the AWS regional services list; opt-in regions omitted).
 */
export const AWS_REGION_ZONES: Readonly<Record<string, string>> = {
  'us-east-1': 'abcdef',
  'us-east-2': 'abc',
  'us-west-1': 'ac',
  'us-west-2': 'abcd',
  'ca-central-1': 'abd',
  'eu-west-1': 'abc',
  'eu-west-2': 'abc',
  'eu-west-3': 'abc',
  'eu-central-1': 'abc',
  'eu-north-1': 'abc',
  'ap-northeast-1': 'acd',
  'ap-northeast-2': 'abcd',
  'ap-southeast-1': 'abc',
  'ap-southeast-2': 'abc',
  'ap-south-1': 'abc',
  'sa-east-1': 'abc',
};

/** Availability zones of a region, e.g. `eu-west-1a`; empty for an unknown region. */
export function zonesOf(region: string): readonly string[] {
  return [...(AWS_REGION_ZONES[region] ?? '')].map((letter) => `${region}${letter}`);
}
