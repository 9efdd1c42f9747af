/**
 * Who sees which events: a caller sees an event whose region code starts with its jurisdiction
 * code. An event without a region (or with one that is no division code) belongs to no region,
 * and only the national level sees it: the national administrator, or a jurisdiction of `00`
 * (全国, a 2-digit code no province has).
 */
export const NATIONAL_JURISDICTION = '00';

export interface Viewer {
  jurisdiction: string;
  national: boolean;
}

export function sees(viewer: Viewer, region: string | undefined): boolean {
  if (viewer.national) return true;
  return !!region && /^\d+$/.test(region) && region.startsWith(viewer.jurisdiction);
}

/**
 * The ancestors of a region kept beside each stored event (`['33', '3305', '330521', …]`), so a
 * jurisdiction is an equality match on an array field instead of a prefix scan.
 */
export function regionAncestors(region: string | undefined): string[] {
  if (!region || !/^\d+$/.test(region) || ![2, 4, 6, 9, 12].includes(region.length)) return [];
  return [2, 4, 6, 9, 12].filter((n) => n <= region.length).map((n) => region.slice(0, n));
}
