import { Text, View } from '@tarojs/components';
import './index.scss';

export interface FilterChipOption<T extends string> {
  value: T | null;
  label: string;
}

export interface FilterChipsProps<T extends string> {
  /** The options in order; a null value stands for 「all」. */
  options: FilterChipOption<T>[];
  value: T | null;
  onChange: (value: T | null) => void;
  /** Names the row for tests and assistive tech, e.g. `severity`. */
  name: string;
}

/** A single-choice row of chips: compact enough for a phone's list header. */
export default function FilterChips<T extends string>(props: FilterChipsProps<T>) {
  const { options, value, onChange, name } = props;
  return (
    <View className='filter-chips' data-filter={name}>
      {options.map((o) => (
        <Text
          key={o.value ?? '*'}
          className={`filter-chips__chip${o.value === value ? ' filter-chips__chip--active' : ''}`}
          data-value={o.value ?? ''}
          aria-pressed={o.value === value}
          onClick={() => onChange(o.value)}
        >
          {o.label}
        </Text>
      ))}
    </View>
  );
}
