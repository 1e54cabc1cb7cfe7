/**
 * Colours live in one partial (`src/styles/_tokens.scss`); stylesheets use its variables, so a
 * colour changes in one place. A hex colour written anywhere else fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(__dirname, '..', '..', 'src');

function stylesheets(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? stylesheets(join(dir, e.name)) : e.name.endsWith('.scss') ? [join(dir, e.name)] : [],
  );
}

describe('style tokens', () => {
  const files = stylesheets(SRC).filter((f) => !f.endsWith('_tokens.scss'));

  test.each(files.map((f) => relative(SRC, f)))('%s writes no colour of its own', (file) => {
    const code = readFileSync(join(SRC, file), 'utf8').replace(/\/\/.*$/gm, '');
    expect(code.match(/#[0-9a-f]{3,8}\b/gi) ?? []).toEqual([]);
  });

  test('every token a stylesheet uses is defined', () => {
    const defined = new Set(
      [...readFileSync(join(SRC, 'styles', '_tokens.scss'), 'utf8').matchAll(/^\$([a-z-]+):/gm)].map((m) => m[1]),
    );
    const used = new Set(
      files.flatMap((f) =>
        [...readFileSync(f, 'utf8').matchAll(/\$((?:color|space|radius)-[a-z-]+)/g)].map((m) => m[1]),
      ),
    );
    expect([...used].filter((t) => !defined.has(t))).toEqual([]);
    expect(used.size).toBeGreaterThan(20);
  });
});
