/**
 * `cloud.DYNAMIC_CURRENT_ENV` is the SDK's marker for "the environment this function runs in",
 * a symbol that `init` accepts as `env` (WeChat's own documentation passes it so); the SDK's
 * typings declare it a `symbol` and `env` a string only. This overload says what the SDK
 * accepts, once, instead of a cast at the call.
 */
import 'wx-server-sdk';

declare module 'wx-server-sdk' {
  export function init(config?: Omit<ICloudInitOptions, 'env'> & { env?: typeof DYNAMIC_CURRENT_ENV }): void;
}
