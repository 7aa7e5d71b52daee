/** Location and device signals (移机 / 终端安全): distance from the registered place, unknown terminals. */
import type { Location } from '../contract/caseFile.js';
import type { FamilySignals } from './catalog.js';
import { type Prepared, share } from './prepare.js';

const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Great-circle distance in km between two positions (haversine, mean Earth radius). */
export function distanceKm(a: Location, b: Location): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLng = (b.lng - a.lng) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Computes the `location` family over sale attempts (approved or declined sales). */
export function locationSignals(p: Prepared): FamilySignals<'location'> {
  const { merchant } = p.caseFile;
  const home = merchant.location;
  const known = merchant.terminals ? new Set(merchant.terminals) : undefined;
  const recentFromDay = p.clock.dayOf(p.windowTo) - p.options.recentDays + 1;
  let located = 0;
  let far = 0;
  let recentLocated = 0;
  let recentFar = 0;
  let maxDistanceKm = 0;
  let withTerminal = 0;
  let unknownTerminals = 0;
  for (let i = 0; i < p.txs.length; i++) {
    const tx = p.txs[i] as (typeof p.txs)[number];
    if (tx.type !== 'sale' || tx.status === 'reversed') continue;
    if (tx.location) {
      located++;
      const recent = (p.day[i] as number) >= recentFromDay;
      if (recent) recentLocated++;
      if (home) {
        const d = distanceKm(home, tx.location);
        if (d > p.options.farDistanceKm) {
          far++;
          if (recent) recentFar++;
        }
        if (d > maxDistanceKm) maxDistanceKm = d;
      }
    }
    if (tx.terminalId !== undefined) {
      withTerminal++;
      if (known && !known.has(tx.terminalId)) unknownTerminals++;
    }
  }
  return {
    locatedAttemptCount: located,
    farFromHomeShare: home ? share(far, located) : 0,
    recentFarFromHomeShare: home ? share(recentFar, recentLocated) : 0,
    maxDistanceKm: Math.round(maxDistanceKm * 10) / 10,
    unknownTerminalCount: unknownTerminals,
    unknownTerminalShare: share(unknownTerminals, withTerminal),
  };
}
