/**
 * A one-line input or a textarea that hands its text, not the event, to `onChange`: the typed
 * fields of the quick-reply, rectification and card forms and the settings editors were each
 * an Input/Textarea with the same `onInput={(e) => set(inputValue(e))}` unwrapping. Props the
 * caller leaves out are not passed on, so the platform's own defaults (maxlength 140) still hold.
 */
import { Input, Textarea } from '@tarojs/components';
import { inputValue } from '../../utils/input';

export interface TextFieldProps {
  className: string;
  value: string;
  /** Receives the field's whole text after each keystroke. */
  onChange: (text: string) => void;
  /**
   * A textarea instead of a one-line input.
   * @default false
   */
  multiline?: boolean;
  maxlength?: number;
  placeholder?: string;
}

export default function TextField({ multiline = false, onChange, ...field }: TextFieldProps) {
  const onInput = (e: unknown) => onChange(inputValue(e));
  return multiline ? <Textarea {...field} onInput={onInput} /> : <Input {...field} onInput={onInput} />;
}
