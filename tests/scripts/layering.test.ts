import { spawnSync } from 'child_process';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'node_modules', '.bin', 'depcruise');

function cruise(cwd: string, targets: string[]) {
  const r = spawnSync(BIN, ['--config', join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'json', ...targets], {
    cwd,
    encoding: 'utf8',
    // The whole tree's JSON report is several MB: past spawnSync's 1 MB default it is cut off.
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0 && !r.stdout) throw new Error(`depcruise failed: ${r.stderr || r.error}`);
  const report = JSON.parse(r.stdout) as {
    summary: { violations: { rule: { name: string }; from: string; to: string }[] };
  };
  return report.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);
}

describe('the layering check (ARCHITECTURE.md)', () => {
  const fixture = join(ROOT, 'tests', 'fixtures', 'layering');
  const violations = cruise(fixture, ['src', 'cloudfunctions', 'devcloud']);

  it('rejects Node built-ins, wx-server-sdk and other layers in the core', () => {
    expect(violations).toEqual(
      expect.arrayContaining([
        'core-no-node-builtins: cloudfunctions/core/impure.ts -> fs',
        expect.stringMatching(/^core-is-pure: cloudfunctions\/core\/impure.ts -> .*wx-server-sdk/),
        'core-is-pure: cloudfunctions/core/impure.ts -> cloudfunctions/api/handler.ts',
      ]),
    );
  });

  it('rejects Taro in cloud functions, server code in pages and pages in the local cloud', () => {
    expect(violations).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^functions-no-taro: cloudfunctions\/api\/handler.ts -> .*@tarojs/),
        expect.stringMatching(/^miniprogram-no-server: src\/page.ts -> .*wx-server-sdk/),
        'miniprogram-no-server: src/page.ts -> cloudfunctions/api/handler.ts',
        'devcloud-no-pages: devcloud/host.ts -> src/page.ts',
      ]),
    );
  });

  it('allows pages to import the core through the @core alias', () => {
    expect(violations.filter((v) => v.includes('cloudfunctions/core/pure.ts'))).toEqual([]);
  });

  // Cruising the whole tree takes 3-4 s alone and more beside the rest of the suite: not the
  // default 5 s budget.
  it('finds no violation in the project itself', () => {
    expect(cruise(ROOT, ['src', 'cloudfunctions', 'devcloud', 'scripts'])).toEqual([]);
  }, 60_000);
});
