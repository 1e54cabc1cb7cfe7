/**
 * Bundles each cloud function (TypeScript, core included) into a deployable folder:
 * dist/cloudfunctions/<name>/{index.js, package.json, config.json}. `wx-server-sdk` stays
 * external: the cloud installs it from package.json. Folders without an index.ts (core,
 * common) are libraries, not functions.
 */
import { build, type Plugin } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'fs';
import { basename, join, resolve } from 'path';

export const ROOT = resolve(__dirname, '..');
export const FUNCTIONS_SRC = join(ROOT, 'cloudfunctions');
export const FUNCTIONS_OUT = join(ROOT, 'dist', 'cloudfunctions');
const WX_SERVER_SDK_VERSION = '4.0.2';

/**
 * npm packages a function requires at run time instead of carrying them in index.js: the cloud
 * installs them from the function's package.json (only into the functions whose bundle requires
 * them). exceljs is about 1 MB minified and only report exports load it.
 */
const RUNTIME_PACKAGES: Readonly<Record<string, string>> = {
  exceljs: (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> })
    .dependencies.exceljs,
};

/**
 * How a cloud function is compiled: one CommonJS file for the cloud's Node, core included. The
 * scoring bench compiles what it measures the same way (scripts/bench.ts).
 */
export const FUNCTION_BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: 'node16',
  format: 'cjs',
  sourcemap: false,
  legalComments: 'none',
  minify: process.env.KEFU_NO_MINIFY !== '1', // KEFU_NO_MINIFY=1: readable CPU profiles
} as const;

/** The text models' data (hundreds of KB of JSON): shipped beside index.js, not inside it. */
const MODEL_DATA = /[\\/]core[\\/]text[\\/]models[\\/][^\\/]+\.json$/;

/**
 * Leaves each model file out of the bundle as `require('./models/<file>')` and records it, so
 * the code a cold start parses stays small and the JSON is parsed by the JSON parser.
 */
function modelFilesBeside(copied: Set<string>): Plugin {
  return {
    name: 'model-files-beside',
    setup(b) {
      b.onResolve({ filter: /\.json$/ }, (args) => {
        const path = resolve(args.resolveDir, args.path);
        if (!MODEL_DATA.test(path)) return undefined;
        copied.add(path);
        return { path: `./models/${basename(path)}`, external: true };
      });
    },
  };
}

export function functionNames(): string[] {
  return readdirSync(FUNCTIONS_SRC, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(FUNCTIONS_SRC, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
}

export async function buildFunctions(outDir = FUNCTIONS_OUT): Promise<string[]> {
  const names = functionNames();
  await Promise.all(
    names.map(async (name) => {
      const out = join(outDir, name);
      mkdirSync(out, { recursive: true });
      // Written aside and renamed into place: a host or test loading the function meanwhile
      // (several jest workers, `npm start` beside `npm test`) never sees half a file.
      const tmp = join(out, `.index.js.${process.pid}.tmp`);
      const models = new Set<string>();
      await build({
        entryPoints: [join(FUNCTIONS_SRC, name, 'index.ts')],
        outfile: tmp,
        ...FUNCTION_BUNDLE_OPTIONS,
        external: ['wx-server-sdk', ...Object.keys(RUNTIME_PACKAGES)],
        plugins: [modelFilesBeside(models)],
        logLevel: 'warning',
      });
      // The models first: index.js appears only when everything it requires is in place.
      mkdirSync(join(out, 'models'), { recursive: true });
      for (const file of models) {
        const aside = join(out, 'models', `.${basename(file)}.${process.pid}.tmp`);
        copyFileSync(file, aside);
        renameSync(aside, join(out, 'models', basename(file)));
      }
      const code = readFileSync(tmp, 'utf8');
      const runtime = Object.entries(RUNTIME_PACKAGES).filter(([pkg]) => code.includes(`require("${pkg}")`));
      renameSync(tmp, join(out, 'index.js'));
      copyFileSync(join(FUNCTIONS_SRC, name, 'config.json'), join(out, 'config.json'));
      const pkg = {
        name,
        version: '1.0.0',
        private: true,
        main: 'index.js',
        dependencies: { 'wx-server-sdk': WX_SERVER_SDK_VERSION, ...Object.fromEntries(runtime) },
      };
      writeFileSync(join(out, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
    }),
  );
  return names;
}

if (require.main === module) {
  const started = Date.now();
  buildFunctions().then(
    (names) => console.log(`built ${names.length} cloud functions (${names.join(', ')}) in ${Date.now() - started} ms`),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
