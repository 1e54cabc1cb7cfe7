/**
 * Cloud storage for the local cloud: `cloud.uploadFile`, `getTempFileURL`, `downloadFile` and
 * `deleteFile` of wx-server-sdk answered from a folder (`<data dir>/storage/`) or, for a store in
 * memory (tests), from a Map. Shapes follow the SDK's documented answers:
 *   uploadFile({ cloudPath, fileContent })        → { fileID, statusCode: 200, errMsg }
 *   getTempFileURL({ fileList: [id | { fileID, maxAge }] }) → { fileList: [{ fileID, tempFileURL, maxAge, status, errMsg }] }
 *   downloadFile({ fileID })                      → { fileContent: Buffer, statusCode: 200, errMsg }
 *   deleteFile({ fileList: [id] })                → { fileList: [{ fileID, status, errMsg }] }
 * A fileID is `cloud://<env>.local/<cloudPath>`. A temp URL is served by the HTTP host at
 * `/storage/<cloudPath>?expires=<epoch s>&sign=<hmac>`; the HMAC (a key made per process) covers
 * path and expiry, so a URL cannot be stretched or pointed at another file, and an expired one
 * is refused (403). At most 50 files per getTempFileURL call, as on the cloud.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';

export const TEMP_URL_DEFAULT_MAX_AGE_S = 24 * 3600;
export const TEMP_URL_MAX_FILES = 50;

export interface TempFileAnswer {
  fileID: string;
  tempFileURL: string;
  maxAge: number;
  status: number;
  errMsg: string;
}

/** A storage error thrown the way the SDK throws (an Error with errCode and errMsg). */
function storageError(api: string, message: string): Error & { errCode: number; errMsg: string } {
  const e = new Error(`errCode: -1 | errMsg: ${api}:fail ${message}`) as Error & { errCode: number; errMsg: string };
  e.errCode = -1;
  e.errMsg = `${api}:fail ${message}`;
  return e;
}

/** A cloud path made safe: relative, no `..`, no empty segment. Null when it cannot be. */
export function safeCloudPath(cloudPath: unknown): string | null {
  if (typeof cloudPath !== 'string' || !cloudPath || cloudPath.length > 512) return null;
  const parts = cloudPath.split('/');
  if (parts.some((p) => !p || p === '.' || p === '..' || p.includes('\\') || p.includes('\0'))) return null;
  return parts.join('/');
}

export class LocalStorage {
  private readonly memory = new Map<string, Buffer>();
  private readonly key = randomBytes(32);
  private baseUrl = 'http://127.0.0.1:8787';

  /** `dir` null: files in memory (a store in memory). */
  constructor(
    private readonly dir: string | null,
    private readonly env: () => string,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Where the HTTP host listens; temp URLs point there. */
  setBaseUrl(url: string): void {
    this.baseUrl = url.replace(/\/$/, '');
  }

  fileIdOf(cloudPath: string): string {
    return `cloud://${this.env()}.local/${cloudPath}`;
  }

  /** The cloud path of a fileID of this storage, or null. */
  pathOf(fileID: unknown): string | null {
    if (typeof fileID !== 'string') return null;
    const m = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileID);
    return m ? safeCloudPath(m[1]) : null;
  }

  private fileOf(cloudPath: string): string {
    const dir = this.dir as string;
    const file = normalize(join(dir, ...cloudPath.split('/')));
    if (!file.startsWith(normalize(dir) + sep)) throw storageError('storage', 'path outside the storage');
    return file;
  }

  private read(cloudPath: string): Buffer | null {
    if (this.dir === null) return this.memory.get(cloudPath) ?? null;
    const file = this.fileOf(cloudPath);
    return existsSync(file) ? readFileSync(file) : null;
  }

  async uploadFile(p: { cloudPath?: unknown; fileContent?: unknown }) {
    const cloudPath = safeCloudPath(p?.cloudPath);
    if (!cloudPath) throw storageError('uploadFile', 'invalid cloudPath');
    const content = p.fileContent;
    let buf: Buffer;
    if (Buffer.isBuffer(content)) buf = content;
    else if (typeof content === 'string') buf = Buffer.from(content);
    else if (content instanceof Uint8Array) buf = Buffer.from(content);
    else throw storageError('uploadFile', 'fileContent must be a Buffer or a string');
    if (this.dir === null) this.memory.set(cloudPath, Buffer.from(buf));
    else {
      const file = this.fileOf(cloudPath);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, buf);
    }
    return { fileID: this.fileIdOf(cloudPath), statusCode: 200, errMsg: 'uploadFile:ok' };
  }

  async downloadFile(p: { fileID?: unknown }) {
    const path = this.pathOf(p?.fileID);
    const content = path ? this.read(path) : null;
    if (!content) throw storageError('downloadFile', 'file not found');
    return { fileContent: content, statusCode: 200, errMsg: 'downloadFile:ok' };
  }

  async deleteFile(p: { fileList?: unknown }) {
    const list = Array.isArray(p?.fileList) ? p.fileList : null;
    if (!list) throw storageError('deleteFile', 'fileList must be an array');
    const fileList = list.map((fileID: unknown) => {
      const path = this.pathOf(fileID);
      if (!path || !this.read(path)) return { fileID, status: -1, errMsg: 'file not found' };
      if (this.dir === null) this.memory.delete(path);
      else rmSync(this.fileOf(path), { force: true });
      return { fileID, status: 0, errMsg: 'ok' };
    });
    return { fileList, errMsg: 'deleteFile:ok' };
  }

  async getTempFileURL(p: { fileList?: unknown }) {
    const list = Array.isArray(p?.fileList) ? p.fileList : null;
    if (!list) throw storageError('getTempFileURL', 'fileList must be an array');
    if (list.length > TEMP_URL_MAX_FILES) throw storageError('getTempFileURL', `at most ${TEMP_URL_MAX_FILES} files`);
    const fileList: TempFileAnswer[] = list.map((item: unknown) => {
      const entry =
        typeof item === 'string' ? { fileID: item } : ((item ?? {}) as { fileID?: unknown; maxAge?: unknown });
      const fileID = String(entry.fileID ?? '');
      const maxAge =
        typeof entry.maxAge === 'number' && entry.maxAge > 0 ? Math.floor(entry.maxAge) : TEMP_URL_DEFAULT_MAX_AGE_S;
      const path = this.pathOf(fileID);
      if (!path || !this.read(path)) return { fileID, tempFileURL: '', maxAge, status: -1, errMsg: 'file not found' };
      const expires = Math.floor(this.clock() / 1000) + maxAge;
      const url = `${this.baseUrl}/storage/${path.split('/').map(encodeURIComponent).join('/')}`;
      return {
        fileID,
        tempFileURL: `${url}?expires=${expires}&sign=${this.sign(path, expires)}`,
        maxAge,
        status: 0,
        errMsg: 'ok',
      };
    });
    return { fileList, errMsg: 'getTempFileURL:ok' };
  }

  private sign(path: string, expires: number): string {
    return createHmac('sha256', this.key).update(`${path}\n${expires}`).digest('hex');
  }

  /**
   * The HTTP host's side of a temp URL: the file's bytes when the signature holds and the URL has
   * not expired; otherwise why not ('expired', 'bad-signature', 'not-found').
   */
  serve(
    cloudPath: string,
    expires: string | null,
    sign: string | null,
  ): { ok: true; content: Buffer } | { ok: false; reason: 'expired' | 'bad-signature' | 'not-found' } {
    const path = safeCloudPath(cloudPath);
    const exp = Number(expires);
    if (!path || !sign || !Number.isInteger(exp)) return { ok: false, reason: 'bad-signature' };
    const want = Buffer.from(this.sign(path, exp), 'hex');
    const got = Buffer.from(sign, 'hex');
    if (got.length !== want.length || !timingSafeEqual(got, want)) return { ok: false, reason: 'bad-signature' };
    if (exp * 1000 < this.clock()) return { ok: false, reason: 'expired' };
    const content = this.read(path);
    return content ? { ok: true, content } : { ok: false, reason: 'not-found' };
  }
}
