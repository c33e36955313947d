/** The units (names, levels, dates, lineage), fetched once per session: screens show names, never ids. */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import type { UnitsResponse } from '../../../src/server/responses.ts';

/** A unit as GET /api/units lists it. */
export type UnitInfo = UnitsResponse[number];

let cache: Promise<UnitInfo[]> | undefined;
/** After login or logout: the years a user may see differ. */
export const forgetUnits = () => (cache = undefined);

export function useUnits(): Map<string, UnitInfo> {
  const [units, setUnits] = useState<Map<string, UnitInfo>>(new Map());
  useEffect(() => {
    let live = true;
    cache ??= api<UnitInfo[]>('GET', '/api/units').catch(() => []);
    cache.then((list) => live && setUnits(new Map(list.map((u) => [u.id, u]))));
    return () => {
      live = false;
    };
  }, []);
  return units;
}

/** The unit's short name ("Tam Đường"), or its id while the list loads. */
export const unitName = (units: Map<string, UnitInfo>, id: string) => units.get(id)?.name ?? id;
