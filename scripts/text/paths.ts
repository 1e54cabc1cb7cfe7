import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root (scripts/text/ is two levels down). */
export const REPO_ROOT = resolve(__dirname, '..', '..');
export const MODELS_DIR = join(REPO_ROOT, 'cloudfunctions', 'core', 'text', 'models');
export const SCRIPT_DATA_DIR = join(__dirname, 'data');

/**
 * The shared corpora live beside the repository, never inside it (their licences allow
 * shipping a trained model, not the raw text). KEFU_DATA_DIR points elsewhere when needed.
 */
export function dataDir(): string {
  const dir = process.env.KEFU_DATA_DIR
    ? resolve(process.env.KEFU_DATA_DIR)
    : resolve(REPO_ROOT, '..', 'shared', 'data');
  if (!existsSync(dir)) {
    throw new Error(
      `corpus directory not found: ${dir}\n` +
        'Set KEFU_DATA_DIR to the folder holding sentiment/, segmentation/ and lexicons/ (see models/SOURCES.md).',
    );
  }
  return dir;
}

export function dataFile(...parts: string[]): string {
  const file = join(dataDir(), ...parts);
  if (!existsSync(file)) throw new Error(`corpus file not found: ${file}`);
  return file;
}
