/**
 * The menu item of an address: its first step (/clusters/… is 'clusters'), except that one pod's or
 * one workload's page (/clusters/{c}/pods/{ns}/{name}) belongs to Pods or Workloads, where its list is.
 */
export function menuKeyOf(pathname: string): string {
  const steps = pathname.split('/');
  if (steps[1] === 'clusters' && steps.length > 4 && (steps[3] === 'pods' || steps[3] === 'workloads'))
    return steps[3];
  return steps[1] || 'overview';
}
