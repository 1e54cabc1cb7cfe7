/**
 * Demo traffic (issue 16): keeps conversations going on the local cloud so a newcomer's live
 * screens are not empty. Customers' lines are pushed through the real push path (the `ingest`
 * function, as `/push/wechat` delivers them) and agents answer through the real `api`
 * (`messages/reply`, sent through the outbox stand-in), so sessions, waiting customers and live
 * alerts come from the system itself, never written directly.
 *
 * The dialogues are the demo generator's (demo.scenarios.ts), replayed on the clock: a new
 * customer every `openEveryMs` (about three a minute), some answered by their demo agent line by
 * line, some left waiting (no agent ever answers: the waiting alert and the untaken queue), and
 * `demo-agent` always has one customer waiting for a human answer in the workspace. The first
 * tick opens a small burst (an angry complaint, a customer already waiting for four minutes and an
 * answered one) so live sessions, a waiting customer and live alerts show within a minute.
 *
 * Deterministic: one seeded generator decides everything, and the clock is injected (`now`), so
 * tests drive `tick()` with a fake clock and never wait.
 */
import type { ConversationMessage } from '../../cloudfunctions/core/model';
import { generateDemo } from './demo.generator';
import { DEMO_AGENTS, DEMO_OPENIDS } from './demo.users';
import { createRng, type Rng } from './prng';

export interface TrafficDeps {
  /** A customer-service message push, as WeChat delivers it to `ingest`. */
  push(payload: Record<string, unknown>): Promise<unknown>;
  /** An `api` call as the given user. */
  api(openid: string, data: Record<string, unknown>): Promise<unknown>;
  now(): number;
  log?(line: string): void;
}

export interface TrafficOptions {
  seed?: number;
  /** A new customer about this often. @default 20_000 */
  openEveryMs?: number;
  /** Share of new customers nobody answers. @default 0.3 */
  waitingShare?: number;
  /** How often `start()` ticks. @default 5_000 */
  tickMs?: number;
}

/** The burst's customer who has been waiting since before the start (past the 180 s alert). */
const BACKDATED_WAIT_MS = 4 * 60_000;
/** Gap between lines of an answered dialogue. */
const LINE_GAP_MS: [number, number] = [8_000, 30_000];
const HANDOVER_GREETING = '您好，在的，请问有什么可以帮您？';
const HANDOVER_PAUSE_MS = 5_000;

type Mode = 'answered' | 'waiting' | 'handover';

interface LiveDialogue {
  customer: string;
  agentOpenid: string;
  lines: ConversationMessage[];
  cursor: number;
  mode: Mode;
  dueAt: number;
  sessionId?: string;
}

const ok = (r: unknown): r is { ok: true; data: Record<string, unknown> } => (r as { ok?: boolean })?.ok === true;

export class DemoTraffic {
  private readonly rng: Rng;
  private readonly seed: number;
  private readonly openEveryMs: number;
  private readonly waitingShare: number;
  private readonly tickMs: number;
  private readonly scripts: { agentId?: string; issueType?: string; lines: ConversationMessage[] }[];
  private readonly live: LiveDialogue[] = [];
  private opened = 0;
  private msgIds = 0;
  private nextOpenAt: number | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly deps: TrafficDeps,
    options: TrafficOptions = {},
  ) {
    this.seed = options.seed ?? 20261206;
    this.rng = createRng(this.seed);
    this.openEveryMs = options.openEveryMs ?? 20_000;
    this.waitingShare = options.waitingShare ?? 0.3;
    this.tickMs = options.tickMs ?? 5_000;
    // A fixed clock for the scripts: only their lines are used, times come from `now()`.
    this.scripts = generateDemo({ seed: this.seed, now: Date.UTC(2026, 0, 1), conversations: 120 }).conversations.map(
      (c) => ({
        agentId: c.agentId,
        issueType: c.tags?.issueType,
        lines: c.messages.filter(
          (m) => (m.type ?? 'text') === 'text' && (m.role === 'customer' || m.role === 'agent') && m.text.trim(),
        ),
      }),
    );
  }

  /** Ticks every `tickMs` until `stop()`; a tick still running when the next is due is skipped. */
  start(): void {
    if (this.timer) return;
    const run = () => {
      if (this.running) return;
      this.running = this.tick()
        .catch((e) => this.deps.log?.(`demo traffic: ${(e as Error).message}`))
        .finally(() => {
          this.running = null;
        });
    };
    run();
    this.timer = setInterval(run, this.tickMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** The dialogues still being played (for tests and the log). */
  get liveCount(): number {
    return this.live.length;
  }

  /** One step at `now()`: the first burst, a new customer when due, every line that is due. */
  async tick(): Promise<void> {
    const now = this.deps.now();
    if (this.nextOpenAt === null) {
      await this.open('answered', now, 'complaint');
      await this.open('waiting', now, undefined, BACKDATED_WAIT_MS);
      await this.open('answered', now);
      this.nextOpenAt = now + this.openEveryMs;
    } else if (now >= this.nextOpenAt) {
      await this.open(this.rng.chance(this.waitingShare) ? 'waiting' : 'answered', now);
      this.nextOpenAt = now + Math.round(this.openEveryMs * this.rng.between(0.6, 1.4));
    }
    for (const d of [...this.live]) if (d.dueAt <= now) await this.step(d, now);
    await this.keepDemoAgentBusy(now);
  }

  private async open(mode: Mode, now: number, issueType?: string, backdateMs = 0): Promise<void> {
    const pool = issueType ? this.scripts.filter((s) => s.issueType === issueType) : this.scripts;
    const script = pool.length ? this.rng.pick(pool) : this.rng.pick(this.scripts);
    if (!script.lines.some((l) => l.role === 'customer')) return;
    const agent =
      mode === 'handover'
        ? DEMO_OPENIDS.agent
        : (DEMO_AGENTS.find((a) => a.agentId === script.agentId) ?? this.rng.pick(DEMO_AGENTS)).openid;
    this.opened += 1;
    const d: LiveDialogue = {
      customer: `oDemoLive${String(this.seed % 10_000).padStart(4, '0')}C${String(this.opened).padStart(5, '0')}`,
      agentOpenid: agent,
      lines: script.lines.slice(script.lines.findIndex((l) => l.role === 'customer')),
      cursor: 0,
      mode,
      dueAt: now,
    };
    this.live.push(d);
    await this.step(d, now, backdateMs);
  }

  /** Plays the dialogue's next line (or more: a customer's consecutive lines go together). */
  private async step(d: LiveDialogue, now: number, backdateMs = 0): Promise<void> {
    if (d.mode === 'handover' && d.cursor > 0) {
      // After the greeting, the customer says what they need: from here on a human answers.
      const next = d.lines.find((l, i) => i > 0 && l.role === 'customer');
      await this.pushCustomer(d, next?.text ?? '你好，我想问一下订单的情况');
      return this.forget(d);
    }
    const line = d.lines[d.cursor];
    if (!line) return this.finish(d);
    if (line.role === 'customer') {
      await this.pushCustomer(d, line.text, backdateMs);
      d.cursor += 1;
      if (d.mode === 'handover') {
        await this.reply(d, HANDOVER_GREETING);
        // WeChat's push times are whole seconds: the next line must come a few seconds on.
        d.dueAt = now + HANDOVER_PAUSE_MS;
        return;
      }
    } else {
      if (d.mode === 'waiting') return this.forget(d); // nobody answers: the customer waits
      await this.reply(d, line.text);
      d.cursor += 1;
    }
    d.dueAt = now + Math.round(this.rng.between(LINE_GAP_MS[0], LINE_GAP_MS[1]));
  }

  /** Sent at the clock's present (read now: after any reply just stored), less `backdateMs`. */
  private async pushCustomer(d: LiveDialogue, text: string, backdateMs = 0): Promise<void> {
    const at = this.deps.now() - backdateMs;
    this.msgIds += 1;
    await this.deps.push({
      ToUserName: 'gh_demo0000live',
      FromUserName: d.customer,
      CreateTime: Math.floor(at / 1000),
      MsgType: 'text',
      Content: text,
      MsgId: 7_000_000_000 + (this.seed % 100_000) * 100_000 + this.msgIds,
    });
  }

  private async sessionOf(d: LiveDialogue): Promise<string | undefined> {
    if (d.sessionId) return d.sessionId;
    const r = await this.deps.api(DEMO_OPENIDS.admin, { action: 'sessions/list', status: 'open', limit: 100 });
    if (!ok(r)) return undefined;
    const items = (r.data as { items: { _id: string; customerId: string }[] }).items;
    d.sessionId = items.find((s) => s.customerId === d.customer)?._id;
    return d.sessionId;
  }

  /** The demo agent answers through `messages/reply`, ignoring the red-line warning as a careless agent would. */
  private async reply(d: LiveDialogue, text: string): Promise<void> {
    const sessionId = await this.sessionOf(d);
    if (!sessionId) return this.forget(d);
    const r = await this.deps.api(d.agentOpenid, { action: 'messages/reply', sessionId, text, confirmRedLine: true });
    if (!ok(r)) this.deps.log?.(`demo traffic: reply refused (${(r as { code?: string }).code})`);
  }

  private async finish(d: LiveDialogue): Promise<void> {
    const sessionId = await this.sessionOf(d);
    if (sessionId) await this.deps.api(d.agentOpenid, { action: 'sessions/close', sessionId });
    this.forget(d);
  }

  private forget(d: LiveDialogue): void {
    const i = this.live.indexOf(d);
    if (i >= 0) this.live.splice(i, 1);
  }

  /** `demo-agent` always has a customer waiting for them: a new one when none is. */
  private async keepDemoAgentBusy(now: number): Promise<void> {
    const r = await this.deps.api(DEMO_OPENIDS.agent, { action: 'desk/list' });
    if (!ok(r)) return;
    const items = (r.data as { items: { waitingSince?: number | null; untaken: boolean }[] }).items;
    if (items.some((s) => s.waitingSince != null && !s.untaken)) return;
    if (this.live.some((d) => d.mode === 'handover')) return; // one is on its way
    await this.open('handover', now);
  }
}
