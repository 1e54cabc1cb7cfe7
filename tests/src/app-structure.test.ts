/**
 * The layout WeChat DevTools and Taro rely on: every page listed in app.config is a folder with
 * its three files, and the root project.config.json points at the build outputs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

interface AppConfigShape {
  pages: string[];
  subPackages: Array<{ root: string; pages: string[] }>;
}

function loadAppConfig(): AppConfigShape {
  (globalThis as { defineAppConfig?: unknown }).defineAppConfig = (c: unknown) => c;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../../src/app.config').default as AppConfigShape;
}

describe('app layout', () => {
  const config = loadAppConfig();
  const pages = [...config.pages, ...config.subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))];

  test.each(pages)('%s has index.tsx, index.config.ts and index.scss', (page) => {
    const dir = join(root, 'src', page.replace(/\/index$/, ''));
    for (const file of ['index.tsx', 'index.config.ts', 'index.scss']) expect(existsSync(join(dir, file))).toBe(true);
  });

  test('keeps only the landing page in the main package', () => {
    expect(config.pages).toEqual(['pages/index/index']);
  });

  test('project.config.json points WeChat DevTools at the build outputs', () => {
    const project = JSON.parse(readFileSync(join(root, 'project.config.json'), 'utf8')) as Record<string, unknown>;
    expect(project).toMatchObject({
      miniprogramRoot: 'dist/weapp/',
      cloudfunctionRoot: 'dist/cloudfunctions/',
      compileType: 'miniprogram',
      appid: 'touristappid',
    });
  });
});
