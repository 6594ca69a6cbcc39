/**
 * Which offline package this browser asked for, per survey, so that a reload finds the package being
 * built (or built) instead of offering to build another. Kept in localStorage; a storage that refuses
 * (private mode, quota) only loses the memory.
 */

/** The part of the Web Storage API used here. */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const key = (surveyId: string) => `belcheer.package.${surveyId}`;

/** The export id remembered for the survey, or null. */
export function rememberedPackage(store: KeyValueStore, surveyId: string): string | null {
  try {
    const id = store.getItem(key(surveyId));
    return id && /^[\w-]{1,64}$/.test(id) ? id : null;
  } catch {
    return null;
  }
}

export function rememberPackage(store: KeyValueStore, surveyId: string, exportId: string): void {
  try {
    store.setItem(key(surveyId), exportId);
  } catch {
    // Not kept: a reload offers to build the package again.
  }
}

export function forgetPackage(store: KeyValueStore, surveyId: string): void {
  try {
    store.removeItem(key(surveyId));
  } catch {
    // Nothing to forget.
  }
}
