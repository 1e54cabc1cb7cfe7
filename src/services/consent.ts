import Taro from '@tarojs/taro';
import { isLocalH5 } from './platform';

/** Phone notifications need WeChat's subscribe-message consent: the H5 build cannot ask. */
export function canAskForNotifications(): boolean {
  return !isLocalH5() && typeof Taro.requestSubscribeMessage === 'function';
}

/**
 * Asks for one notification's consent. WeChat only shows the dialog from a tap, so call this
 * straight from the tap handler. Resolves true when the user accepted the template; a refusal,
 * a ban or a dismissed dialog resolve false.
 */
export async function askForNotification(templateId: string): Promise<boolean> {
  try {
    const res = (await Taro.requestSubscribeMessage({
      tmplIds: [templateId],
    } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, unknown>;
    return res[templateId] === 'accept';
  } catch {
    return false;
  }
}
