/**
 * The menu item of an address: its first step (/clusters/… is 'clusters'), except that one pod's,
 * one workload's or one Helm release's page (/clusters/{c}/pods/{ns}/{name}) belongs to Pods, Workloads or Releases, where its list is.
 */
export function menuKeyOf(pathname: string): string {
  const steps = pathname.split('/');
  const ownList = steps[3] === 'pods' || steps[3] === 'workloads' || steps[3] === 'releases';
  if (steps[1] === 'clusters' && steps.length > 4 && ownList) return steps[3] as string;
  return steps[1] || 'overview';
}
