/**
 * WeChat DevTools opens the repository root: project.config.json must point at the folders the
 * builds really write — the weapp output of the Taro config and the deployable functions.
 */
import { existsSync, readFileSync } from 'fs';
import { join, resolve } from 'path';
import { buildFunctions, FUNCTIONS_OUT, functionNames, ROOT } from '../../scripts/build-functions';

jest.setTimeout(60_000);

const project = JSON.parse(readFileSync(join(ROOT, 'project.config.json'), 'utf8')) as {
  miniprogramRoot: string;
  cloudfunctionRoot: string;
};

async function taroConfigFor(platform: string): Promise<{ outputRoot: string }> {
  const previous = process.env.TARO_ENV;
  process.env.TARO_ENV = platform;
  try {
    let mod: { default: unknown } | undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      mod = require('../../config/index.ts');
    });
    const exported = mod!.default;
    const merge = (...parts: object[]) => Object.assign({}, ...parts);
    return (
      typeof exported === 'function' ? await exported(merge, { command: 'build', mode: 'production' }) : exported
    ) as {
      outputRoot: string;
    };
  } finally {
    process.env.TARO_ENV = previous;
  }
}

describe('build outputs and project.config.json', () => {
  it('miniprogramRoot is where the Taro weapp build writes', async () => {
    const config = await taroConfigFor('weapp');
    expect(resolve(ROOT, config.outputRoot)).toBe(resolve(ROOT, project.miniprogramRoot));
  });

  it('the H5 build writes elsewhere, so one build never wipes the other', async () => {
    const config = await taroConfigFor('h5');
    expect(resolve(ROOT, config.outputRoot)).not.toBe(resolve(ROOT, project.miniprogramRoot));
  });

  it('cloudfunctionRoot holds one deployable folder per function, as the bundler writes them', async () => {
    expect(resolve(ROOT, project.cloudfunctionRoot)).toBe(FUNCTIONS_OUT);
    const built = await buildFunctions();
    expect(built).toEqual(functionNames());
    expect(built).toEqual(expect.arrayContaining(['api', 'ingest', 'sweep']));
    for (const name of built) {
      const dir = join(FUNCTIONS_OUT, name);
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      expect(pkg).toMatchObject({ main: 'index.js', dependencies: { 'wx-server-sdk': expect.any(String) } });
      const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { triggers?: { type: string }[] };
      expect((config.triggers ?? []).filter((t) => t.type === 'timer').length).toBeLessThanOrEqual(1);
      const code = readFileSync(join(dir, 'index.js'), 'utf8');
      expect(code).toContain('require("wx-server-sdk")'); // external: installed by the cloud
      expect(code).not.toMatch(/@tarojs|from "\.\.\/core/);
      expect(existsSync(join(dir, 'index.js'))).toBe(true);
    }
  });
});
