/** Words typed as a list (发票，退款 or 发票 退款 or 发票、退款): trimmed, empty ones dropped. */
export function splitTags(s: string): string[] {
  return s
    .split(/[,，、\s]+/)
    .map((t) => t.trim())
    .filter(Boolean);
}
