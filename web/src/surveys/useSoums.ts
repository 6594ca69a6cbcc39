/**
 * Names of aimags and soums for the soum picker and the survey list, from the admin units the map
 * also uses (loaded once per session, see api/admin.units.ts). Sorted by name in the current
 * language; soums are grouped by aimag.
 */
import { useEffect, useMemo, useState } from 'react';
import { adminUnits } from '../api/admin.units.ts';
import type { AdminUnitProperties } from '../api/types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { unitName } from '../map/unit.name.ts';

export interface SoumDirectory {
  readonly aimags: readonly AdminUnitProperties[];
  soumsOf(aimag: string): readonly AdminUnitProperties[];
  soum(code: string): AdminUnitProperties | undefined;
  aimag(code: string): AdminUnitProperties | undefined;
  /** "Soum, Aimag" in the current language; the bare code while names are loading. */
  label(code: string): string;
}

type Loaded = { aimags: AdminUnitProperties[]; soums: AdminUnitProperties[] } | null;

export function useSoums(): { directory: SoumDirectory; loading: boolean; failed: boolean } {
  const { lang, locale } = useI18n();
  const [loaded, setLoaded] = useState<Loaded>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let gone = false;
    Promise.all([adminUnits('aimag'), adminUnits('soum')]).then(
      ([aimags, soums]) => {
        if (!gone)
          setLoaded({
            aimags: aimags.features.map((f) => f.properties),
            soums: soums.features.map((f) => f.properties),
          });
      },
      () => {
        if (!gone) setFailed(true);
      },
    );
    return () => {
      gone = true;
    };
  }, []);

  const directory = useMemo<SoumDirectory>(() => {
    const collator = new Intl.Collator(locale);
    const byName = (a: AdminUnitProperties, b: AdminUnitProperties): number =>
      collator.compare(unitName(a, lang), unitName(b, lang));
    const aimags = [...(loaded?.aimags ?? [])].sort(byName);
    const soums = new Map((loaded?.soums ?? []).map((s) => [s.code, s]));
    const aimagByCode = new Map(aimags.map((a) => [a.code, a]));
    const groups = new Map<string, AdminUnitProperties[]>();
    for (const s of [...soums.values()].sort(byName)) {
      const key = s.parent_code ?? '';
      groups.set(key, [...(groups.get(key) ?? []), s]);
    }
    return {
      aimags,
      soumsOf: (aimag) => groups.get(aimag) ?? [],
      soum: (code) => soums.get(code),
      aimag: (code) => aimagByCode.get(code),
      label(code) {
        const soum = soums.get(code);
        if (!soum) return code;
        const aimag = soum.parent_code ? aimagByCode.get(soum.parent_code) : undefined;
        return aimag ? `${unitName(soum, lang)}, ${unitName(aimag, lang)}` : unitName(soum, lang);
      },
    };
  }, [loaded, lang, locale]);

  return { directory, loading: loaded === null && !failed, failed };
}
