/**
 * The H5 build runs against the local cloud host: it talks HTTP and signs in as a demo user.
 * Read at call time (Taro's DefinePlugin still inlines it in builds) so tests can switch it.
 */
export function isLocalH5(): boolean {
  return process.env.TARO_ENV === 'h5';
}
