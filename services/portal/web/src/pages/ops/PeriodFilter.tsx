import { useState } from 'react';
import { FilterForm } from '../../components/FilterForm.js';
import { DateField } from '../../components/Fields.js';

export interface Period {
  from: string;
  to: string;
}

export const NO_PERIOD: Period = { from: '', to: '' };

/** From/to dates for the monitor's figures; empty means the monitor's default window (last 30 days up to now). */
export function PeriodFilter({ onApply }: { onApply: (period: Period) => void }) {
  const [period, setPeriod] = useState(NO_PERIOD);
  return (
    <FilterForm label="Periode" onApply={() => onApply(period)}>
      <DateField
        label="Vanaf"
        name="from"
        hint="Leeg: 30 dagen geleden"
        value={period.from}
        onChange={(from) => setPeriod({ ...period, from })}
      />
      <DateField label="Tot en met" name="to" hint="Leeg: nu" value={period.to} onChange={(to) => setPeriod({ ...period, to })} />
      <button type="submit">Toon periode</button>
    </FilterForm>
  );
}
