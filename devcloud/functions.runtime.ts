/**
 * Loads the built cloud functions (dist/cloudfunctions/<name>/index.js) and runs them the way
 * the cloud does: one `main(event, context)` per invocation with its own WeChat context, and
 * timer triggers fired from each function's config.json.
 */
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { nextFire, parseCron, type CronSchedule } from './cron';
import type { ForegroundGate } from '../cloudfunctions/common/foreground.gate';
import { isTimerWork } from './timer.work';

export interface WxContext {
  OPENID?: string;
  APPID?: string;
  UNIONID?: string;
  ENV?: string;
  SOURCE?: string;
  [key: string]: unknown;
}

export type RunWithContext = <T>(ctx: WxContext, fn: () => Promise<T>) => Promise<T>;

interface LoadedFunction {
  name: string;
  main: (event: unknown, context: unknown) => Promise<unknown>;
  timer?: { name: string; schedule: CronSchedule };
}

export class FunctionNotFoundError extends Error {
  constructor(readonly functionName: string) {
    super(`cloud function not found: ${functionName}`);
  }
}

export const LOCAL_APPID = 'wx-local-devcloud';
export const LOCAL_ENV = 'local';

export class FunctionsRuntime {
  private readonly functions = new Map<string, LoadedFunction>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private running = new Set<string>();

  constructor(
    private readonly dir: string,
    private readonly runWithContext: RunWithContext,
    private readonly log: (line: string) => void = () => {},
    /** Counts invocations a caller waits on as foreground work (timer.work.ts). */
    private readonly foreground?: ForegroundGate,
  ) {}

  load(): string[] {
    for (const name of readdirSync(this.dir).sort()) {
      const entry = join(this.dir, name, 'index.js');
      if (!existsSync(entry)) continue;
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(entry) as { main?: LoadedFunction['main'] };
      if (typeof mod.main !== 'function') throw new Error(`${entry} exports no main()`);
      const config = JSON.parse(readFileSync(join(this.dir, name, 'config.json'), 'utf8')) as {
        triggers?: { name: string; type: string; config: string }[];
      };
      const timers = (config.triggers ?? []).filter((t) => t.type === 'timer');
      if (timers.length > 1) throw new Error(`${name}: the cloud allows one trigger per function`);
      this.functions.set(name, {
        name,
        main: mod.main,
        timer: timers[0] ? { name: timers[0].name, schedule: parseCron(timers[0].config) } : undefined,
      });
    }
    return [...this.functions.keys()];
  }

  names(): string[] {
    return [...this.functions.keys()];
  }

  has(name: string): boolean {
    return this.functions.has(name);
  }

  /**
   * Makes `cloud.callFunction` inside a function call the other local function the way the cloud
   * does: the callee's SOURCE is the caller's chain plus `scf` (`wx_client,scf`), and it keeps
   * the caller's OPENID and APPID.
   */
  serveCallFunction(cloud: object, currentContext: () => WxContext | undefined): void {
    (cloud as Record<string, unknown>).callFunction = async (opts: { name: string; data?: unknown }) => {
      const parent = currentContext() ?? {};
      const chain = typeof parent.SOURCE === 'string' && parent.SOURCE ? `${parent.SOURCE},scf` : 'scf';
      const ctx: WxContext = { ...(parent.OPENID ? { OPENID: parent.OPENID } : {}), SOURCE: chain };
      const result = await this.invoke(opts.name, opts.data ?? {}, ctx);
      return { result, errMsg: 'cloud.callFunction:ok', requestID: `${Date.now()}` };
    };
  }

  async invoke(name: string, event: unknown, ctx: WxContext): Promise<unknown> {
    const fn = this.functions.get(name);
    if (!fn) throw new FunctionNotFoundError(name);
    const full: WxContext = { APPID: LOCAL_APPID, ENV: LOCAL_ENV, ...ctx };
    const context = { function_name: name, namespace: LOCAL_ENV, request_id: `${Date.now()}-${Math.random()}` };
    const run = this.runWithContext(full, () => fn.main(event, context));
    return this.foreground && !isTimerWork(full.SOURCE) ? this.foreground.track(run) : run;
  }

  /** One firing of `name`'s timer trigger, as the cloud fires it: the timer event, SOURCE `wx_trigger`. */
  async fireTimer(name: string): Promise<unknown> {
    const fn = this.functions.get(name);
    if (!fn?.timer) throw new Error(`${name} has no timer trigger`);
    const event = { Type: 'Timer', TriggerName: fn.timer.name, Time: new Date().toISOString() };
    return this.invoke(name, event, { SOURCE: 'wx_trigger' });
  }

  /** Fire each timer trigger on its cron; a run still going when the next is due is skipped. */
  startTimers(): void {
    for (const fn of this.functions.values()) {
      if (!fn.timer) continue;
      const { schedule, name: trigger } = fn.timer;
      const arm = () => {
        const next = nextFire(schedule, new Date());
        if (!next) return;
        const t = setTimeout(async () => {
          if (!this.running.has(fn.name)) {
            this.running.add(fn.name);
            try {
              const out = await this.fireTimer(fn.name);
              this.log(`timer ${fn.name}/${trigger}: ${JSON.stringify(out)}`);
            } catch (e) {
              this.log(`timer ${fn.name}/${trigger} failed: ${(e as Error).stack ?? e}`);
            } finally {
              this.running.delete(fn.name);
            }
          }
          arm();
        }, next.getTime() - Date.now());
        t.unref();
        this.timers.set(fn.name, t);
      };
      arm();
    }
  }

  stopTimers(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
