/**
 * DOM stand-ins for Taro's host components: enough for pages and taro-ui to render in jsdom
 * with their classes, ids, data attributes, text and taps.
 */
import { createElement, forwardRef, type ReactNode } from 'react';

type HostProps = Record<string, unknown> & { children?: ReactNode };

const PASS_THROUGH = new Set([
  'className',
  'id',
  'style',
  'onClick',
  'role',
  'title',
  'src',
  'type',
  'disabled',
  'value',
  'placeholder',
]);

/** Taro accepts inline styles as CSS text (taro-ui relies on it); React DOM wants an object. */
function styleObject(css: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const decl of css.split(';')) {
    const colon = decl.indexOf(':');
    if (colon < 0) continue;
    const prop = decl
      .slice(0, colon)
      .trim()
      .replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    if (prop) out[prop] = decl.slice(colon + 1).trim();
  }
  return out;
}

function domProps(props: HostProps): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    if (key === 'children') continue;
    if (key === 'style' && typeof value === 'string') {
      out.style = styleObject(value);
      continue;
    }
    if (PASS_THROUGH.has(key) || key.startsWith('data-') || key.startsWith('aria-')) out[key] = value;
    else if (key === 'onInput' || key === 'onChange') out.onChange = value;
  }
  return out;
}

function host(tag: string, displayName: string) {
  const C = forwardRef<HTMLElement, HostProps>((props, ref) =>
    createElement(tag, { ...domProps(props), ref } as Record<string, unknown>, props.children as ReactNode),
  );
  C.displayName = displayName;
  return C;
}

export const View = host('div', 'View');
export const Text = host('span', 'Text');
export const Button = host('button', 'Button');
export const ScrollView = host('div', 'ScrollView');
export const Swiper = host('div', 'Swiper');
export const SwiperItem = host('div', 'SwiperItem');
export const Image = host('img', 'Image');
export const Input = host('input', 'Input');
export const Textarea = host('textarea', 'Textarea');
export const Label = host('label', 'Label');
export const Form = host('form', 'Form');
export const Switch = host('input', 'Switch');
export const Icon = host('i', 'Icon');
export const Canvas = host('canvas', 'Canvas');
export const Picker = host('div', 'Picker');
export const RichText = host('div', 'RichText');
