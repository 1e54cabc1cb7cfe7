/**
 * A Map that keeps at most `limit` entries: past it, the oldest set entry leaves. For the
 * per-instance memories of the push path (recently stored message ids, recent text readings),
 * which must never grow with the traffic an instance sees.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly limit: number) {
    super();
  }

  override set(key: K, value: V): this {
    super.set(key, value);
    if (this.size > this.limit) this.delete(this.keys().next().value as K);
    return this;
  }
}
