/**
 * Opening an exported report on the device. In WeChat: the file is fetched from cloud storage by
 * its fileID (`Taro.cloud.downloadFile`, no download domain to whitelist, unlike a temp URL through
 * `Taro.downloadFile`) and opened with `Taro.openDocument({ showMenu: true })`, whose menu
 * forwards it to a chat or saves it. `openDocument` opens no CSV, so in WeChat a CSV's temp URL is
 * copied to the clipboard instead. In the H5 build: the temp URL as a download link, clicked.
 */
import Taro from '@tarojs/taro';
import { isLocalH5 } from '../../../services/platform';

export interface ExportedFile {
  fileID: string;
  url: string;
  name: string;
  format: 'xlsx' | 'csv';
}

export async function openExportedFile(file: ExportedFile): Promise<void> {
  if (isLocalH5()) {
    const a = document.createElement('a');
    a.href = file.url;
    a.download = file.name;
    a.rel = 'noopener';
    document.body.appendChild(a);
    a.click();
    a.remove();
    return;
  }
  const { tempFilePath } = await Taro.cloud.downloadFile({ fileID: file.fileID });
  await Taro.openDocument({
    filePath: tempFilePath,
    fileType: file.format === 'csv' ? 'xlsx' : file.format,
    showMenu: true,
  });
}
