import { useMemo } from 'react';
import { timeZones } from '../../shared/format';

/** The `<datalist id="tz-list">` of IANA time zones for zone inputs. */
export function TimeZoneList() {
  const zones = useMemo(() => timeZones(), []);
  return (
    <datalist id="tz-list">
      {zones.map((z) => (
        <option key={z} value={z} />
      ))}
    </datalist>
  );
}
