import { useEffect, useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import { AtButton } from 'taro-ui';
import { inputValue } from '../../utils/input';
import 'taro-ui/lib/style/components/button.scss';
import './index.scss';

export interface NoteDialogProps {
  /** Shown while true; the text is cleared each time it opens. */
  open: boolean;
  title: string;
  /**
   * @default '请输入'
   */
  placeholder?: string;
  /**
   * Whether confirming needs some text (blank is refused with a hint).
   * @default false
   */
  required?: boolean;
  /**
   * @default '确定'
   */
  confirmText?: string;
  /**
   * Disables the buttons while the caller's request runs.
   * @default false
   */
  busy?: boolean;
  /** Called with the trimmed text. */
  onConfirm: (text: string) => void;
  onCancel: () => void;
}

const defaults = { placeholder: '请输入', required: false, confirmText: '确定', busy: false };

/**
 * A bottom sheet asking for one text: a resolution note, a message to the agent or a reply to
 * the customer. Drawn with plain views: a native textarea inside a taro-ui modal is layered
 * above everything in WeChat.
 */
export default function NoteDialog(props: NoteDialogProps) {
  const { open, title, placeholder, required, confirmText, busy, onConfirm, onCancel } = { ...defaults, ...props };
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    if (open) {
      setText('');
      setMissing(false);
    }
  }, [open]);

  if (!open) return null;

  const confirm = () => {
    const value = text.trim();
    if (required && value === '') {
      setMissing(true);
      return;
    }
    onConfirm(value);
  };

  return (
    <View className='note-dialog'>
      <View className='note-dialog__mask' onClick={busy ? undefined : onCancel} />
      <View className='note-dialog__sheet' role='dialog' aria-label={title}>
        <Text className='note-dialog__title'>{title}</Text>
        <Textarea
          className='note-dialog__input'
          value={text}
          placeholder={placeholder}
          maxlength={500}
          onInput={(e) => {
            setText(inputValue(e));
            setMissing(false);
          }}
        />
        {missing ? <Text className='note-dialog__hint'>请填写内容</Text> : null}
        <View className='note-dialog__actions'>
          <AtButton size='small' disabled={busy} onClick={onCancel}>
            取消
          </AtButton>
          <AtButton size='small' type='primary' disabled={busy} onClick={confirm}>
            {confirmText}
          </AtButton>
        </View>
      </View>
    </View>
  );
}
