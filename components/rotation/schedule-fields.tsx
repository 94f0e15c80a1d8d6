"use client";

import { DatePicker, DatePickerInput, TimePicker } from "@/components/carbon";
import styles from "./rotation.module.scss";

interface Props {
  date: string;
  time: string;
  onChange: (next: { date: string; time: string }) => void;
  error?: string;
}

/** "YYYY-MM-DD" as a local day, and "HH:MM" on it, as the instant the swap should run (null if incomplete). */
export function scheduledInstant(date: string, time: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return null;
  const at = new Date(`${date}T${time}:00`);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** Day (Carbon DatePicker) and time (24-hour, this browser's time zone) of a scheduled activation. */
export function ScheduleFields({ date, time, onChange, error }: Props) {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <div className={styles.schedule}>
      <DatePicker
        datePickerType="single"
        dateFormat="Y-m-d"
        minDate={new Date().toISOString().slice(0, 10)}
        value={date}
        onChange={(dates: Date[]) => {
          const d = dates[0];
          const pad = (n: number) => String(n).padStart(2, "0");
          onChange({ date: d ? `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` : "", time });
        }}
      >
        <DatePickerInput
          id="activate-date"
          labelText="Day"
          placeholder="yyyy-mm-dd"
          pattern="\d{4}-\d{2}-\d{2}"
          invalid={!!error}
          invalidText={error}
          onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange({ date: e.target.value, time })}
        />
      </DatePicker>
      <TimePicker
        id="activate-time"
        labelText={`Time (24-hour, ${zone})`}
        placeholder="hh:mm"
        pattern="([01][0-9]|2[0-3]):[0-5][0-9]"
        maxLength={5}
        value={time}
        onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange({ date, time: e.target.value })}
      />
    </div>
  );
}
