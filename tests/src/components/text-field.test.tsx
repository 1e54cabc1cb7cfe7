/**
 * TextField: a one-line input or a textarea that reports its text (from a DOM event here, from
 * Taro's `detail.value` in the mini-program), with the caller's class, value and placeholder.
 */
import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import TextField from '../../../src/components/text-field';

/** The props each host field received, to see what reaches the platform. */
const received: Record<string, unknown>[] = [];
jest.mock('@tarojs/components', () => {
  const host = jest.requireActual('../mocks/taro-components');
  const { createElement } = jest.requireActual('react');
  const spy = (C: unknown) => (props: Record<string, unknown>) => {
    received.push(props);
    return createElement(C, props);
  };
  return { ...host, Input: spy(host.Input), Textarea: spy(host.Textarea) };
});

beforeEach(() => {
  received.length = 0;
});

test('a one-line input reports each change as text and shows what it is given', () => {
  const onChange = jest.fn();
  render(<TextField className='form__input' value='退款' placeholder='标题' onChange={onChange} />);
  const field = screen.getByPlaceholderText('标题');
  expect(field.tagName).toBe('INPUT');
  expect(field).toHaveClass('form__input');
  expect(field).toHaveValue('退款');
  fireEvent.change(field, { target: { value: '退款时效' } });
  expect(onChange).toHaveBeenCalledWith('退款时效');
});

test('multiline is a textarea, and a controlled field follows what is typed', () => {
  function Form() {
    const [text, setText] = useState('');
    return (
      <>
        <TextField className='form__textarea' multiline value={text} placeholder='回复内容' onChange={setText} />
        <span data-testid='echo'>{text}</span>
      </>
    );
  }
  render(<Form />);
  const field = screen.getByPlaceholderText('回复内容');
  expect(field.tagName).toBe('TEXTAREA');
  fireEvent.change(field, { target: { value: '已为您催促仓库' } });
  expect(field).toHaveValue('已为您催促仓库');
  expect(screen.getByTestId('echo')).toHaveTextContent('已为您催促仓库');
});

test('maxlength reaches the platform when given, and is not passed at all when left out', () => {
  render(<TextField className='a' value='' placeholder='有上限' maxlength={40} onChange={() => undefined} />);
  render(<TextField className='b' value='' placeholder='无上限' onChange={() => undefined} />);
  expect(received.find((p) => p.className === 'a')).toMatchObject({ maxlength: 40 });
  expect(received.find((p) => p.className === 'b')).not.toHaveProperty('maxlength');
});

test("Taro's input event (the text in detail.value) is unwrapped too", () => {
  const onChange = jest.fn();
  render(<TextField className='c' value='' onChange={onChange} />);
  const onInput = received.find((p) => p.className === 'c')!.onInput as (e: unknown) => void;
  onInput({ detail: { value: '13812345678' } });
  expect(onChange).toHaveBeenCalledWith('13812345678');
});
