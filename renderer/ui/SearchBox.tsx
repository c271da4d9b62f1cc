import { memo, useRef } from 'react';
import { CloseCircleFilled, SearchOutlined } from '@ant-design/icons';

interface Props {
  placeholder: string;
  label: string;
  clearLabel: string;
  width: number;
  onQuery: (query: string) => void;
}

const SEARCH_ICON = <SearchOutlined />;
const CLEAR_ICON = <CloseCircleFilled />;

/**
 * A search-as-you-type box for lists that must answer each keystroke within a
 * frame. It is a plain input that React never re-renders while typing
 * (uncontrolled, memoised): antd's Input re-rendered with its style hooks on
 * every keystroke and cost as much as filtering 50,000 devices. Pinyin being
 * composed is not searched for ("li" on the way to 李); the word is, once chosen.
 * The clear button shows through CSS (:placeholder-shown), so no state either.
 */
export const SearchBox = memo(function SearchBox({ placeholder, label, clearLabel, width, onQuery }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const clear = () => {
    if (!input.current) return;
    input.current.value = '';
    input.current.focus();
    onQuery('');
  };
  return (
    <span className="zw-search" style={{ width }}>
      <span className="zw-search-icon" aria-hidden>
        {SEARCH_ICON}
      </span>
      <input
        ref={input}
        type="search"
        placeholder={placeholder}
        aria-label={label}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => {
          if (!(e.nativeEvent as InputEvent).isComposing) onQuery(e.target.value);
        }}
        onCompositionEnd={(e) => onQuery(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && e.currentTarget.value !== '') {
            e.preventDefault();
            clear();
          }
        }}
      />
      <button type="button" className="zw-search-clear" aria-label={clearLabel} title={clearLabel} onClick={clear}>
        {CLEAR_ICON}
      </button>
    </span>
  );
});
