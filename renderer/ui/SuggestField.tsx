import { useMemo } from 'react';
import { AutoComplete } from 'antd';
import { TextField } from './LimitedInput';

/** How many suggestions the list shows: enough to pick from, few enough that 50,000 names never reach the DOM. */
const SHOWN = 12;

interface Props {
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
  onBlur?: () => void;
  suggestions: readonly string[];
  max: number;
  placeholder?: string;
  autoFocus?: boolean;
}

/**
 * A text field that offers values already in use (the register's people and
 * offices) and still takes anything typed, never cut (LimitedInput).
 */
export function SuggestField({ id, value, onChange, onBlur, suggestions, max, placeholder, autoFocus }: Props) {
  const typed = (value ?? '').trim().toLowerCase();
  const options = useMemo(() => {
    const out: { value: string }[] = [];
    for (const s of suggestions) {
      if (out.length >= SHOWN) break;
      if (s.toLowerCase().includes(typed) && s !== value) out.push({ value: s });
    }
    return out;
  }, [suggestions, typed, value]);
  return (
    <AutoComplete value={value} onChange={onChange} options={options} popupMatchSelectWidth>
      <TextField id={id} max={max} placeholder={placeholder} autoFocus={autoFocus} onBlur={onBlur} />
    </AutoComplete>
  );
}
