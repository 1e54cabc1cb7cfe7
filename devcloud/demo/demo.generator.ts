/**
 * Deterministic demo data: users and realistic Chinese customer-service conversations.
 *
 * Pure: a seeded PRNG, and `now` passed in, never read from the clock, so the same options give
 * identical output and tests can pin it. Each conversation draws from its own PRNG seeded by
 * (seed, index): generating 1000 conversations contains the 300 of a smaller run, only the ids
 * (assigned in time order) differ.
 *
 * Nothing is masked here: ingestion masks. Raw phone numbers therefore appear, on purpose, in a
 * minority of conversations (customers leaving their number, risky agents leaking theirs).
 */
import type {
  Channel,
  Conversation,
  ConversationMessage,
  MessageRole,
  MessageType,
  User,
} from '../../cloudfunctions/core/model';
import { createRng, type Rng } from './prng';
import { COURIERS, FAULTS, LINES, PRODUCTS_BY_LINE, SCENARIOS, SIZES, type Scenario } from './demo.scenarios';
import { DEMO_AGENTS, demoUsers, type DemoAgent, type QualityProfile } from './demo.users';

export interface DemoOptions {
  seed?: number;
  /** Epoch ms; every generated timestamp is before it. */
  now: number;
  /** @default 300 */
  conversations?: number;
}

export interface DemoData {
  users: User[];
  conversations: Conversation[];
}

export const DEMO_DEFAULT_SEED = 1;
export const DEMO_DEFAULT_COUNT = 300;
/** Conversations start within this many days before `now`. */
export const DEMO_DAYS = 14;

const SECOND = 1000;
const HOUR = 3600 * SECOND;
const DAY = 24 * HOUR;
// Customer-service traffic follows Beijing time whatever the host's zone is.
const CHINA_OFFSET = 8 * HOUR;
const MAX_MESSAGES = 20;
const MIN_MESSAGES = 4;
const RATED_SHARE = 0.6;
const CUSTOMER_PHONE_SHARE = 0.1;

interface ProfileBehaviour {
  /** First response, seconds, log-uniform. */
  firstReply: [number, number];
  reply: [number, number];
  greet: number;
  apologise: number;
  close: number;
  /** Chance per conversation of a red-line act (rude, off-platform, leaking a phone number). */
  risk: number;
  overPromise: number;
  resolved: number;
  csat: number;
  /** Chance that the customer gets annoyed on top of the scenario. */
  anger: number;
}

const BEHAVIOUR: Record<QualityProfile, ProfileBehaviour> = {
  excellent: {
    firstReply: [5, 30],
    reply: [8, 60],
    greet: 0.97,
    apologise: 0.95,
    close: 0.92,
    risk: 0,
    overPromise: 0.01,
    resolved: 0.92,
    csat: 4.7,
    anger: 0.04,
  },
  average: {
    firstReply: [15, 150],
    reply: [15, 180],
    greet: 0.8,
    apologise: 0.7,
    close: 0.6,
    risk: 0.01,
    overPromise: 0.04,
    resolved: 0.8,
    csat: 4.0,
    anger: 0.1,
  },
  poor: {
    firstReply: [90, 720],
    reply: [60, 900],
    greet: 0.3,
    apologise: 0.3,
    close: 0.15,
    risk: 0.03,
    overPromise: 0.05,
    resolved: 0.55,
    csat: 2.9,
    anger: 0.3,
  },
  risky: {
    firstReply: [10, 240],
    reply: [15, 240],
    greet: 0.6,
    apologise: 0.3,
    close: 0.45,
    risk: 0.4,
    overPromise: 0.2,
    resolved: 0.65,
    csat: 3.1,
    anger: 0.2,
  },
};

const AGENT_VOLUME: Record<QualityProfile, number> = { excellent: 1.2, average: 1, poor: 0.8, risky: 0.9 };

// Beijing-time hour of day → relative traffic: a morning rise, lunch dip, evening peak.
const HOUR_WEIGHTS = [1, 0.5, 0.3, 0.2, 0.2, 0.3, 0.8, 2, 4, 7, 9, 9, 7, 7, 8, 8, 8, 7, 6, 7, 9, 10, 8, 4];

type RiskAct = 'rude' | 'offPlatform' | 'phoneLeak';

function mix(seed: number, index: number, salt: number): number {
  let h =
    (Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca77) ^ Math.imul(salt, 0xc2b2ae3d)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

const OPENID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** 28 characters like a real OPENID under one mini-program (`oUpF8` is the app's prefix). */
function customerOpenid(seed: number, index: number): string {
  const r = createRng(mix(seed, index, 7));
  let id = 'oUpF8';
  while (id.length < 28) id += OPENID_ALPHABET[Math.floor(r.next() * OPENID_ALPHABET.length)];
  return id;
}

function digits(r: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i += 1) s += String(r.int(0, 9));
  return s;
}

function mobile(r: Rng): string {
  return `1${r.pick(['3', '5', '7', '8', '9'])}${digits(r, 9)}`;
}

function chinaDate(ms: number): { y: number; m: number; d: number } {
  const d = new Date(ms + CHINA_OFFSET);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
}

function fill(template: string, slots: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => slots[key] ?? whole);
}

function lineFor(scenario: Scenario, r: Rng): string {
  if (scenario.id === 'repair') return r.pick(['数码', '家电']);
  if (scenario.id === 'exchange')
    return r.weighted([
      ['服饰', 3],
      ['数码', 1],
    ] as const);
  return r.weighted([
    ['数码', 3],
    ['家电', 2],
    ['服饰', 3],
    ['美妆', 1.5],
    ['食品', 1],
  ] as const);
}

function pickAgent(scenario: Scenario, r: Rng): DemoAgent {
  const team = scenario.teams.length > 1 && r.chance(0.3) ? scenario.teams[1] : scenario.teams[0];
  const candidates = DEMO_AGENTS.filter((a) => a.team === team).map((a) => [a, AGENT_VOLUME[a.profile]] as const);
  return r.weighted(candidates);
}

function pickStart(r: Rng, now: number): number {
  const dayOffset = r.int(0, DEMO_DAYS - 1);
  const today = Math.floor((now + CHINA_OFFSET) / DAY) * DAY - CHINA_OFFSET;
  const hour = r.weighted(HOUR_WEIGHTS.map((w, h) => [h, w] as const));
  return today - dayOffset * DAY + hour * HOUR + r.int(0, HOUR / SECOND - 1) * SECOND;
}

const key = (item: string | readonly [string, string]): string => (typeof item === 'string' ? item : item[0]);

/** Builds one dialogue on a relative clock; `at` values are offsets from the first message. */
class Dialogue {
  readonly messages: ConversationMessage[] = [];
  private t = 0;
  private readonly used = new Set<string>();
  constructor(
    private readonly r: Rng,
    private readonly slots: Record<string, string>,
  ) {}

  say(role: MessageRole, template: string, delaySeconds: number, type?: MessageType): void {
    if (this.messages.length > 0) this.t += Math.max(1, Math.round(delaySeconds)) * SECOND;
    const message: ConversationMessage = { role, at: this.t, text: fill(template, this.slots) };
    if (type && type !== 'text') message.type = type;
    this.messages.push(message);
  }

  /** Seconds a customer takes to answer: usually quick, sometimes away for a while. */
  customerDelay(): number {
    return this.r.chance(0.05) ? this.r.between(600, 2400) : this.r.logBetween(6, 150);
  }

  /** A line not yet used in this dialogue, when one is left: people rarely repeat themselves. */
  fresh<T extends string | readonly [string, string]>(items: readonly T[]): T {
    const unused = items.filter((i) => !this.used.has(key(i)));
    const chosen = this.r.pick(unused.length > 0 ? unused : items);
    this.used.add(key(chosen));
    return chosen;
  }

  get size(): number {
    return this.messages.length;
  }
}

function generateOne(seed: number, index: number, now: number, customerPool: number): Omit<Conversation, 'id'> {
  const r = createRng(mix(seed, index, 1));
  const scenario = r.weighted(SCENARIOS.map((s) => [s, s.weight] as const));
  const scenarioCase = r.pick(scenario.cases);
  const agent = pickAgent(scenario, r);
  const b = BEHAVIOUR[agent.profile];
  const line = lineFor(scenario, r);
  const [courier, courierCode] = r.pick(COURIERS);
  let startedAt = pickStart(r, now);
  const purchase = chinaDate(startedAt - r.int(1, 7) * DAY);
  const slots: Record<string, string> = {
    product: r.pick(PRODUCTS_BY_LINE[line]),
    // Date-prefixed 18-digit order numbers, as Chinese shops issue them (not an ID, not a card).
    order: `${purchase.y}${String(purchase.m).padStart(2, '0')}${String(purchase.d).padStart(2, '0')}${digits(r, 10)}`,
    tracking: `${courierCode}${digits(r, 13)}`,
    courier,
    amount: String(r.pick([39, 59, 89, 129, 199, 299, 459, 699, 1299, 2599])),
    days: String(r.int(2, 5)),
    date: `${purchase.m}月${purchase.d}日`,
    fault: r.pick(FAULTS),
    size: r.pick(SIZES),
    // How agents introduce themselves: 王晓雨 → 小雨.
    agentName: `小${agent.name.slice(-1)}`,
    phone: mobile(r),
    wechat: `wxid_${digits(r, 4)}${r.pick(['kf', 'vip', 'shop'])}${digits(r, 2)}`,
  };
  const d = new Dialogue(r, slots);
  const agentReply = (): number => r.logBetween(b.reply[0], b.reply[1]);
  const customerPhone = r.chance(CUSTOMER_PHONE_SHARE);
  const risk: RiskAct | null = r.chance(b.risk)
    ? r.weighted([
        ['rude', 3],
        ['offPlatform', 2],
        ['phoneLeak', 1.5],
      ] as const)
    : null;
  const overPromise = r.chance(b.overPromise);
  const negatedComplaint = !scenario.startsAngry && r.chance(0.07);
  let angry = scenario.startsAngry || r.chance(b.anger * 0.3);

  // Opening.
  if (r.chance(0.35)) {
    d.say('customer', r.pick(LINES.customerHello), 0);
    d.say('customer', r.pick(scenarioCase.openings), r.between(3, 25));
  } else {
    d.say('customer', r.pick(scenarioCase.openings), 0);
  }
  if (scenario.startsAngry && r.chance(0.4)) d.say('customer', r.pick(LINES.customerThreats), r.between(3, 20));

  // The wait for the first answer; long waits make customers nudge and lose patience.
  const firstReply = r.logBetween(b.firstReply[0], b.firstReply[1]);
  const nudges = firstReply > 90 ? Math.min(2, Math.floor(firstReply / 150) + 1) : 0;
  let waited = 0;
  for (let i = 0; i < nudges; i += 1) {
    const step = (firstReply / (nudges + 1)) * r.between(0.8, 1.1);
    waited += step;
    d.say('customer', d.fresh(LINES.customerNudge), step);
  }
  if (firstReply > 240 && r.chance(0.5)) angry = true;
  const firstGap = Math.max(1, firstReply - waited);

  let agentSpoke = false;
  const agentSay = (template: string, delay: number): void => {
    d.say('agent', template, agentSpoke ? delay : firstGap);
    agentSpoke = true;
  };

  if (r.chance(b.greet)) agentSay(r.pick(LINES.greetings), 0);
  if (angry && r.chance(b.apologise)) agentSay(d.fresh(LINES.apologies), r.between(4, 15));

  // Details.
  if (r.chance(0.7)) {
    agentSay(r.pick(scenario.asks), r.between(4, 20));
    if (r.chance(scenario.imageChance)) d.say('customer', '[图片]', d.customerDelay(), 'image');
    d.say('customer', r.pick(scenario.details), d.customerDelay());
    if (customerPhone) d.say('customer', r.pick(LINES.customerPhone), r.between(5, 40));
    if (r.chance(b.greet * 0.6)) agentSay(r.pick(LINES.agentHold), r.between(4, 20));
  } else if (customerPhone) {
    d.say('customer', r.pick(LINES.customerPhone), r.between(5, 40));
  }
  agentSay(r.pick(scenarioCase.answers), agentReply());

  // Follow-ups, within the message budget (closing takes up to 4).
  const reserve = 4;
  let followUps = r.int(0, scenario.startsAngry ? 4 : 3);
  let riskPlaced = false;
  let promisePlaced = false;
  let negationPlaced = false;
  let pendingAnswer: string | null = null;
  while (followUps > 0 && d.size + 3 + reserve <= MAX_MESSAGES) {
    followUps -= 1;
    if (negatedComplaint && !negationPlaced) {
      d.say('customer', r.pick(LINES.negatedComplaints), d.customerDelay());
      negationPlaced = true;
      pendingAnswer = null;
    } else if (angry && r.chance(0.5)) {
      d.say('customer', d.fresh(r.chance(0.4) ? LINES.customerThreats : LINES.customerAngry), d.customerDelay());
      pendingAnswer = null;
    } else {
      const [question, answer] = d.fresh(scenario.followUps);
      d.say('customer', question, d.customerDelay());
      pendingAnswer = answer;
      if (!angry && r.chance(b.anger * 0.5)) angry = true;
    }
    if (risk && !riskPlaced && (angry || followUps === 0 || r.chance(0.4))) {
      agentSay(riskLine(risk, r), agentReply());
      riskPlaced = true;
      continue;
    }
    if (angry && r.chance(b.apologise * 0.6)) agentSay(d.fresh(LINES.apologies), agentReply());
    agentSay(pendingAnswer ?? d.fresh(scenario.followUps)[1], agentReply());
    if (overPromise && !promisePlaced && r.chance(0.6)) {
      agentSay(r.pick(LINES.overPromises), r.between(3, 15));
      promisePlaced = true;
    }
  }
  if (risk && !riskPlaced) agentSay(riskLine(risk, r), agentReply());
  if (overPromise && !promisePlaced) agentSay(r.pick(LINES.overPromises), r.between(3, 15));

  // Resolution and closing.
  const resolved = r.chance(b.resolved * (angry ? 0.85 : 1));
  if (resolved) agentSay(r.pick(scenario.resolutions), agentReply());
  else d.say('customer', r.pick(['算了', '那我再等等吧', '行吧，你们看着办', '还是没解决啊']), d.customerDelay());
  if (r.chance(b.close)) {
    if (d.size + 3 <= MAX_MESSAGES) {
      agentSay(r.pick(LINES.closingAsks), r.between(3, 20));
      d.say('customer', r.pick(LINES.customerThanks), d.customerDelay());
    }
    if (d.size < MAX_MESSAGES) agentSay(r.pick(LINES.closings), r.between(3, 20));
  } else if (resolved && d.size < MAX_MESSAGES && r.chance(0.5)) {
    d.say('customer', r.pick(LINES.customerThanks), d.customerDelay());
  }
  while (d.size < MIN_MESSAGES) d.say('customer', r.pick(LINES.customerThanks), d.customerDelay());

  // Place on the calendar; a conversation that would run past `now` moves a day earlier.
  const duration = d.messages[d.messages.length - 1].at;
  while (startedAt + duration >= now) startedAt -= DAY;
  const messages = d.messages.map((m) => ({ ...m, at: startedAt + m.at }));

  const conversation: Omit<Conversation, 'id'> = {
    channel: (r.chance(0.85) ? 'mp-kf' : 'wecom-kf') satisfies Channel,
    agentId: agent.agentId,
    customerId: customerOpenid(seed, r.int(0, customerPool - 1)),
    startedAt,
    messages,
    tags: { issueType: scenario.issueType, businessLine: line },
  };
  if (r.chance(RATED_SHARE)) {
    const penalty = (angry ? 1 : 0) + (risk === 'rude' ? 1.5 : 0) + (resolved ? 0 : 1);
    const csat = Math.round(b.csat + r.between(-0.8, 0.8) - penalty);
    conversation.rating = { csat: Math.min(5, Math.max(1, csat)), resolved };
  }
  return conversation;
}

function riskLine(act: RiskAct, r: Rng): string {
  if (act === 'rude') return r.pick(LINES.rude);
  if (act === 'offPlatform') return r.pick(LINES.offPlatform);
  // An agent's own number, not the customer's: a different draw from the slot.
  return r.pick(LINES.agentPhoneLeak).replace('{phone}', mobile(r));
}

export function generateDemo(options: DemoOptions): DemoData {
  const seed = options.seed ?? DEMO_DEFAULT_SEED;
  const count = options.conversations ?? DEMO_DEFAULT_COUNT;
  if (!Number.isFinite(options.now)) throw new Error('generateDemo: now must be epoch milliseconds');
  if (!Number.isInteger(count) || count < 0)
    throw new Error('generateDemo: conversations must be a non-negative integer');
  // About four conversations for every three customers: some come back.
  const customerPool = Math.max(1, Math.ceil(count * 0.75));
  const generated: Omit<Conversation, 'id'>[] = [];
  for (let i = 0; i < count; i += 1) generated.push(generateOne(seed, i, options.now, customerPool));
  generated.sort((a, b) => (a.startedAt ?? 0) - (b.startedAt ?? 0));
  const conversations = generated.map((c, i): Conversation => ({
    id: `demo-${seed}-${String(i + 1).padStart(5, '0')}`,
    ...c,
  }));
  return { users: demoUsers(), conversations };
}

/** One conversation in the import file format: ISO-8601 times. */
export function toJsonlLine(c: Conversation): string {
  const iso = (ms: number): string => new Date(ms).toISOString();
  const line: Record<string, unknown> = { id: c.id, channel: c.channel, agentId: c.agentId, customerId: c.customerId };
  if (c.startedAt !== undefined) line.startedAt = iso(c.startedAt);
  line.messages = c.messages.map((m) => {
    const out: Record<string, unknown> = { role: m.role, at: iso(m.at), text: m.text };
    if (m.type) out.type = m.type;
    return out;
  });
  if (c.rating) line.rating = c.rating;
  if (c.tags) line.tags = c.tags;
  return JSON.stringify(line);
}

/** The import CLI's JSONL: one conversation a line, newline-terminated. */
export function toJsonl(conversations: readonly Conversation[]): string {
  return conversations.map((c) => `${toJsonlLine(c)}\n`).join('');
}
