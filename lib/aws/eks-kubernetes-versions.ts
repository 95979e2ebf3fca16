/**
 * The Amazon EKS Kubernetes release calendar: when each minor version became available on EKS
 * and when its standard support (14 months) and extended support (12 more months, billed per
 * cluster hour) end. Dates are UTC days; support ends at the start of the day given.
 */
export interface EksKubernetesRelease {
  /** Kubernetes minor version, e.g. `1.35`. */
  readonly version: string;
  /** First day the version could be used on EKS (no EKS-optimized AMI exists for it before). */
  readonly availableOnEks: string;
  readonly endOfStandardSupport: string;
  readonly endOfExtendedSupport: string;
}

/** Where `EKS_KUBERNETES_RELEASES` comes from; re-read it when adding a version. */
export const EKS_RELEASE_CALENDAR_SOURCE = 'https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html (Amazon EKS Kubernetes release calendar)';

/** The release calendar, oldest first (copied from `EKS_RELEASE_CALENDAR_SOURCE`). */
export const EKS_KUBERNETES_RELEASES: readonly EksKubernetesRelease[] = [
  { version: '1.31', availableOnEks: '2024-09-26', endOfStandardSupport: '2025-11-26', endOfExtendedSupport: '2026-11-26' },
  { version: '1.32', availableOnEks: '2025-01-23', endOfStandardSupport: '2026-03-23', endOfExtendedSupport: '2027-03-23' },
  { version: '1.33', availableOnEks: '2025-05-29', endOfStandardSupport: '2026-07-29', endOfExtendedSupport: '2027-07-29' },
  { version: '1.34', availableOnEks: '2025-10-02', endOfStandardSupport: '2026-12-02', endOfExtendedSupport: '2027-12-02' },
  { version: '1.35', availableOnEks: '2026-01-27', endOfStandardSupport: '2027-03-27', endOfExtendedSupport: '2028-03-27' },
];

/** The calendar entry of `version`, if EKS has one. */
export function eksRelease(version: string): EksKubernetesRelease | undefined {
  return EKS_KUBERNETES_RELEASES.find((r) => r.version === version);
}

/** Start of the UTC day `YYYY-MM-DD`. */
export function utcDay(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** Whether `release` is in EKS standard support on `today`. */
export function inStandardSupport(release: EksKubernetesRelease, today: Date): boolean {
  return today.getTime() >= utcDay(release.availableOnEks).getTime() && today.getTime() < utcDay(release.endOfStandardSupport).getTime();
}

/** The versions in standard support on `today`, oldest first. */
export function versionsInStandardSupport(today: Date): string[] {
  return EKS_KUBERNETES_RELEASES.filter((r) => inStandardSupport(r, today)).map((r) => r.version);
}
