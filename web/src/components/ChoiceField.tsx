/**
 * A labelled select over a closed list of values (seasons, uses …): each option's text from
 * `optionLabel`, and `onChange` given the list's own value, never an unchecked string.
 */
import type { ReactNode } from 'react';

export interface ChoiceFieldProps<T extends string> {
  readonly label: string;
  readonly value: T;
  readonly options: readonly T[];
  readonly optionLabel: (value: T) => string;
  readonly onChange: (value: T) => void;
  readonly disabled?: boolean;
  readonly testId?: string;
}

export function ChoiceField<T extends string>({
  label,
  value,
  options,
  optionLabel,
  onChange,
  disabled,
  testId,
}: ChoiceFieldProps<T>): ReactNode {
  return (
    <label className="field">
      <span className="field__label">{label}</span>
      <select
        className="select"
        value={value}
        disabled={disabled}
        data-testid={testId}
        onChange={(e) => {
          const chosen = options.find((o) => o === e.target.value);
          if (chosen !== undefined) onChange(chosen);
        }}
      >
        {options.map((o) => (
          <option key={o} value={o}>
            {optionLabel(o)}
          </option>
        ))}
      </select>
    </label>
  );
}
