/** The text of an input event: Taro puts it in `detail.value`, a DOM event in `target.value`. */
export function inputValue(e: unknown): string {
  const detail = (e as { detail?: { value?: unknown } }).detail;
  if (detail && typeof detail.value === 'string') return detail.value;
  const target = (e as { target?: { value?: unknown } }).target;
  return typeof target?.value === 'string' ? target.value : '';
}
