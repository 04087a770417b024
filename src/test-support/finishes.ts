import vm from 'node:vm';

/**
 * Runs `work` and throws if it has not returned within `seconds`, interrupting it (a regular expression too)
 * rather than waiting for it. For inputs on which a super-linear algorithm takes hours and a linear one
 * milliseconds: a margin no difference between machines closes, unlike a timing assertion.
 */
export function finishesWithin<T>(seconds: number, work: () => T): T {
  return vm.runInNewContext('work()', { work }, { timeout: seconds * 1000 }) as T;
}
