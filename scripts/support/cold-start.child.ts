/**
 * One cold start of one built cloud function, in a fresh process (run by bench-functions.ts):
 * the local cloud bound to an empty in-memory store, then `require` of the bundle and its first
 * answer, each timed. Prints one JSON line.
 */
import { join } from 'path';
import { performance } from 'perf_hooks';
import { bindCloud, runWithContext } from '../../devcloud/sdk/cloud.binding';
import { DocumentStore } from '../../devcloud/store/document.store';

/** A cheap first call per function: the path a first request takes, without a scored session. */
const FIRST_CALL: Record<string, { ctx: Record<string, string>; event: unknown }> = {
  api: { ctx: { OPENID: 'o-cold', SOURCE: 'wx_client' }, event: { action: 'me/get' } },
  ingest: {
    ctx: { OPENID: 'oColdCustomer', SOURCE: 'wx_msgpush' },
    event: {
      ToUserName: 'gh_cold',
      FromUserName: 'oColdCustomer',
      CreateTime: Math.floor(Date.now() / 1000),
      MsgType: 'text',
      Content: '你好，请问发货了吗',
      MsgId: 2400000000001,
    },
  },
  sweep: { ctx: { SOURCE: 'wx_trigger' }, event: {} },
};

async function main(): Promise<void> {
  const [name, dir] = process.argv.slice(2);
  bindCloud(DocumentStore.open(':memory:'));
  const first = FIRST_CALL[name];
  if (!first) throw new Error(`no first call for ${name}`);
  const t0 = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fn = require(join(dir, name, 'index.js')) as { main: (event: unknown) => Promise<unknown> };
  const required = performance.now();
  const answer = await runWithContext(first.ctx, () => fn.main(first.event));
  const answered = performance.now();
  console.log(
    JSON.stringify({
      name,
      requireMs: required - t0,
      firstAnswerMs: answered - required,
      answer: JSON.stringify(answer).slice(0, 80),
    }),
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
