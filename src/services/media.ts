/**
 * Images and mini-program cards from the workspace (issue 16, `messages/replyMedia`). The picture
 * is chosen with `Taro.chooseImage` and read as base64: in WeChat through the file system
 * manager, in the H5 build from the blob URL the browser gives (FileReader). The server checks
 * the type by its bytes and the size (≤ 2 MB) and uploads it to WeChat.
 */
import Taro from '@tarojs/taro';
import type { Message } from '@core/model';
import { call } from './api';
import { isLocalH5 } from './platform';

async function readBase64(path: string): Promise<string> {
  if (isLocalH5()) {
    const blob = await (await fetch(path)).blob();
    const dataUrl = await new Promise<string>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject(reader.error ?? new Error('读取图片失败'));
      reader.readAsDataURL(blob);
    });
    return dataUrl.slice(dataUrl.indexOf(',') + 1);
  }
  return new Promise<string>((resolve, reject) =>
    Taro.getFileSystemManager().readFile({
      filePath: path,
      encoding: 'base64',
      success: (res) => resolve(String(res.data)),
      fail: (err) => reject(new Error(err.errMsg || '读取图片失败')),
    }),
  );
}

/** Lets the user pick one picture; null when they cancel. */
export async function pickImageBase64(): Promise<string | null> {
  try {
    const picked = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    const path = picked.tempFilePaths[0];
    return path ? await readBase64(path) : null;
  } catch (e) {
    if (/cancel/i.test(String((e as { errMsg?: string }).errMsg ?? e))) return null;
    throw e;
  }
}

export async function sendImage(sessionId: string, image: string): Promise<Message> {
  return (await call('messages/replyMedia', { kind: 'image', sessionId, image })).message;
}

export async function sendCard(sessionId: string, title: string, pagePath: string): Promise<Message> {
  return (await call('messages/replyMedia', { kind: 'card', sessionId, title, pagePath })).message;
}
