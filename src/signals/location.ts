/** Location and device signals (移机 / 终端安全): distance from the registered place, unknown terminals. */
import type { Location } from '../contract/caseFile.js';
import type { FamilySignals } from './catalog.js';
import { FLAG, type Prepared, share } from './prepare.js';

const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Great-circle distance in km between two positions (haversine, mean Earth radius). */
export function distanceKm(a: Location, b: Location): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLng = (b.lng - a.lng) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * An upper bound of the great-circle distance in km, without trigonometry per point but one cosine:
 * the length of a path along the meridian, then along the parallel nearer the equator.
 */
function upperBoundKm(a: Location, b: Location): number {
  const dLat = Math.abs(b.lat - a.lat) * RAD;
  let dLng = Math.abs(b.lng - a.lng);
  if (dLng > 180) dLng = 360 - dLng;
  const nearerEquator = Math.min(Math.abs(a.lat), Math.abs(b.lat)) * RAD;
  return (dLat + dLng * RAD * Math.cos(nearerEquator)) * EARTH_RADIUS_KM;
}

/** Computes the `location` family over sale attempts (approved or declined sales). */
export function locationSignals(p: Prepared): FamilySignals<'location'> {
  const { merchant } = p.caseFile;
  const home = merchant.location;
  const known = merchant.terminals ? new Set(merchant.terminals) : undefined;
  const farKm = p.options.farDistanceKm;
  const recentFromDay = p.clock.dayOf(p.windowTo) - p.options.recentDays + 1;
  let located = 0;
  let far = 0;
  let recentLocated = 0;
  let recentFar = 0;
  let maxDistanceKm = 0;
  let withTerminal = 0;
  let unknownTerminals = 0;
  // The run of consecutive trading days (days with located attempts) on which most attempts were far.
  let runDay = Number.NaN;
  let dayLocated = 0;
  let dayFar = 0;
  let run = 0;
  let longestFarDayRun = 0;
  const settleDay = () => {
    if (dayLocated === 0) return;
    run = dayFar * 2 > dayLocated ? run + 1 : 0;
    if (run > longestFarDayRun) longestFarDayRun = run;
  };
  for (let i = 0; i < p.txs.length; i++) {
    if (((p.flags[i] as number) & FLAG.attempt) === 0) continue;
    const tx = p.txs[i] as (typeof p.txs)[number];
    if (tx.location) {
      located++;
      const localDay = p.day[i] as number;
      if (localDay !== runDay) {
        settleDay();
        runDay = localDay;
        dayLocated = 0;
        dayFar = 0;
      }
      dayLocated++;
      const recent = localDay >= recentFromDay;
      if (recent) recentLocated++;
      if (home) {
        // The exact distance only where it can matter: an upper bound under both the far line and
        // the running maximum settles the common case of a sale at home.
        if (upperBoundKm(home, tx.location) > Math.min(farKm, maxDistanceKm)) {
          const d = distanceKm(home, tx.location);
          if (d > farKm) {
            far++;
            dayFar++;
            if (recent) recentFar++;
          }
          if (d > maxDistanceKm) maxDistanceKm = d;
        }
      }
    }
    if (tx.terminalId !== undefined) {
      withTerminal++;
      if (known && !known.has(tx.terminalId)) unknownTerminals++;
    }
  }
  settleDay();
  return {
    locatedAttemptCount: located,
    longestFarDayRun: home ? longestFarDayRun : 0,
    farFromHomeShare: home ? share(far, located) : 0,
    recentFarFromHomeShare: home ? share(recentFar, recentLocated) : 0,
    maxDistanceKm: Math.round(maxDistanceKm * 10) / 10,
    unknownTerminalCount: unknownTerminals,
    unknownTerminalShare: share(unknownTerminals, withTerminal),
  };
}
