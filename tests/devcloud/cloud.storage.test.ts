/**
 * The local cloud storage (devcloud/sdk/cloud.storage.ts) on disk and behind the HTTP host: a
 * file uploaded is downloaded and deleted by fileID, its temp URL serves it with a download name
 * until it expires, and a forged, stretched, expired or escaping path is refused.
 */
import { mkdtempSync, rmSync, existsSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { AddressInfo } from 'net';
import { LocalStorage, safeCloudPath } from '../../devcloud/sdk/cloud.storage';
import { createHttpHost } from '../../devcloud/http.host';
import type { FunctionsRuntime } from '../../devcloud/functions.runtime';

let dir: string;
let clock = Date.parse('2026-12-01T00:00:00Z');
let storage: LocalStorage;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kefu-storage-'));
  storage = new LocalStorage(
    dir,
    () => 'test-env',
    () => clock,
  );
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('LocalStorage', () => {
  it('uploads to the data folder, downloads and deletes by fileID', async () => {
    const up = await storage.uploadFile({
      cloudPath: 'reports/a/报表.csv',
      fileContent: Buffer.from('\uFEFF会话数,3'),
    });
    expect(up).toEqual({
      fileID: 'cloud://test-env.local/reports/a/报表.csv',
      statusCode: 200,
      errMsg: 'uploadFile:ok',
    });
    expect(existsSync(join(dir, 'reports', 'a', '报表.csv'))).toBe(true);
    expect((await storage.downloadFile({ fileID: up.fileID })).fileContent.toString('utf8')).toBe('\uFEFF会话数,3');
    const del = await storage.deleteFile({ fileList: [up.fileID, 'cloud://test-env.local/nothing'] });
    expect(del.fileList.map((f) => f.status)).toEqual([0, -1]);
    await expect(storage.downloadFile({ fileID: up.fileID })).rejects.toMatchObject({ errCode: -1 });
  });

  it('refuses paths that leave the storage', async () => {
    for (const p of ['../x', 'a/../../x', '/abs', 'a//b', 'a\\b', '']) expect(safeCloudPath(p)).toBeNull();
    await expect(storage.uploadFile({ cloudPath: '../escape.txt', fileContent: 'x' })).rejects.toMatchObject({
      errMsg: 'uploadFile:fail invalid cloudPath',
    });
    expect(storage.pathOf('cloud://env/../../etc/passwd')).toBeNull();
  });

  it('answers at most 50 files per getTempFileURL, a missing one with a status', async () => {
    const { fileID } = await storage.uploadFile({ cloudPath: 'x.csv', fileContent: 'a' });
    const res = await storage.getTempFileURL({ fileList: [{ fileID, maxAge: 60 }, 'cloud://test-env.local/none'] });
    expect(res.fileList.map((f) => [f.status, f.maxAge])).toEqual([
      [0, 60],
      [-1, 86_400],
    ]);
    await expect(storage.getTempFileURL({ fileList: Array(51).fill(fileID) })).rejects.toMatchObject({ errCode: -1 });
  });

  it('serves a temp URL over HTTP until it expires', async () => {
    const content = Buffer.from('PK fake xlsx');
    const { fileID } = await storage.uploadFile({ cloudPath: 'reports/d/质检报表.xlsx', fileContent: content });
    const host = createHttpHost({
      runtime: {} as FunctionsRuntime,
      h5Dir: dir,
      listUsers: async () => [],
      storage,
    });
    await new Promise<void>((r) => host.listen(0, '127.0.0.1', () => r()));
    try {
      storage.setBaseUrl(`http://127.0.0.1:${(host.address() as AddressInfo).port}`);
      const [f] = (await storage.getTempFileURL({ fileList: [{ fileID, maxAge: 600 }] })).fileList;
      const res = await fetch(f.tempFileURL);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/spreadsheetml/);
      expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('质检报表.xlsx'));
      expect(Buffer.from(await res.arrayBuffer())).toEqual(content);

      const forged = f.tempFileURL.replace(/expires=(\d+)/, (_m, e) => `expires=${Number(e) + 1}`);
      expect((await fetch(forged)).status).toBe(403);
      clock += 601_000;
      const expired = await fetch(f.tempFileURL);
      expect(expired.status).toBe(403);
      expect(await expired.json()).toEqual({ error: { code: 'URL_EXPIRED', message: 'the link is not valid' } });
    } finally {
      await new Promise((r) => host.close(r));
    }
  });
});
