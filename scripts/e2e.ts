/**
 * End-to-end: the H5 build in headless Chromium (Debian's `chromium` + playwright-core) against
 * the local cloud started exactly as `npm start` starts it, on a throwaway data dir and port.
 * Screenshots land in test-results/e2e/; `E2E_ONLY=reports,privacy` runs only the walks so named. Prints "N passed, N failed" and exits non-zero on a failure.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Browser, Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { launchChromium, postRudeExchange, ROOT, startHost, type HostProcess } from './support/local-host';

const PORT = Number(process.env.E2E_PORT ?? 18787);
const BASE = `http://localhost:${PORT}`;
const SHOTS = join(ROOT, 'test-results', 'e2e');

async function callApi(openid: string, data: Record<string, unknown>) {
  const r = await fetch(`${BASE}/api/callFunction`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Openid': openid },
    body: JSON.stringify({ name: 'api', data }),
  });
  const body = (await r.json()) as { result: { ok: boolean; data?: unknown; code?: string } };
  if (!body.result.ok) throw new Error(`api ${String(data.action)} failed: ${JSON.stringify(body.result)}`);
  return body.result.data as Record<string, unknown>;
}

async function push(body: unknown): Promise<string> {
  const r = await fetch(`${BASE}/push/wechat`, { method: 'POST', body: JSON.stringify(body) });
  return r.text();
}

type Check = { name: string; run: (page: Page) => Promise<void> };

/** Taro H5 slides a new page in: wait until the heading has arrived at the left edge. */
async function settled(page: Page, headingSelector: string): Promise<void> {
  const box = page.locator(headingSelector).first();
  for (let i = 0; i < 50; i++) {
    const b = await box.boundingBox();
    if (b && b.x < 60 && (await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth))) return;
    await page.waitForTimeout(50);
  }
}

/** The supervisor's alert page, loaded and live. */
/** The id of the customer's open session (session ids hold a digest of the customer id). */
async function openSessionOf(customer: string): Promise<string> {
  const open = (await callApi('demo-admin', { action: 'sessions/list', status: 'open', limit: 100 })) as {
    items: { _id: string; customerId: string }[];
  };
  const session = open.items.find((s) => s.customerId === customer);
  if (!session) throw new Error(`no open session for ${customer}`);
  return session._id;
}

/** Signs `openid` in and opens a page of the app by its route (the H5 build's hash router). */
async function openAs(page: Page, openid: string, route: string, ready: string): Promise<void> {
  await page.goto(`${BASE}/?as=${openid}`);
  await page.locator('.user-bar, .alerts-page, .home-page').first().waitFor({ timeout: 30_000 });
  await page.goto(`${BASE}/#${route}`);
  await page.getByText(ready).first().waitFor({ timeout: 20_000 });
}

/** Taro H5's modal: confirm it. */
async function confirmModal(page: Page): Promise<void> {
  await page.locator('.taro__modal .taro-modal__foot div', { hasText: '确定' }).last().click({ timeout: 5_000 });
}

/** The report overview for this month (the demo's 14 days reach into it; a new week may be empty). */
async function openReportsMonth(page: Page, openid: string): Promise<void> {
  await openAs(page, openid, '/packages/reports/overview/index', '会话量');
  await page.getByText('月', { exact: true }).first().click();
  await page
    .getByText(/· \d{4}-\d{2}（对比/)
    .first()
    .waitFor({ timeout: 20_000 });
  await page.locator('[data-testid=card-sessions]').waitFor({ timeout: 20_000 });
}

/** Taro H5's toast stays 1.5 s (its element lingers hidden): let it go before a screenshot. */
async function toastGone(page: Page): Promise<void> {
  await page.waitForTimeout(1_700);
}

async function openAlerts(page: Page): Promise<void> {
  await page.goto(`${BASE}/?as=demo-supervisor`);
  await page.locator('[data-alert-id]').first().waitFor({ timeout: 30_000 });
  // The page shows 实时 once its push channel is open: an alert raised before that arrives only
  // with the next poll (10 s), which is what made the live checks flaky on a busy machine.
  await page.locator('.alerts-page__live-state--live').first().waitFor({ timeout: 20_000 });
}

const checks: Check[] = [
  {
    name: 'the sign-in screen lists the demo users and signs a supervisor in',
    async run(page) {
      await page.goto(`${BASE}/`);
      await page.getByText('林主管').first().click({ timeout: 20_000 });
      await page
        .getByText(/红线违规|不合格会话/)
        .first()
        .waitFor({ timeout: 20_000 });
    },
  },
  {
    name: 'a supervisor opening /?as=demo-supervisor sees the alerts of their team',
    async run(page) {
      await openAlerts(page);
      await page
        .getByText(/红线违规|不合格会话/)
        .first()
        .waitFor({ timeout: 20_000 });
      await page.screenshot({ path: join(SHOTS, 'alert-list.png') });
    },
  },
  {
    name: 'a scored red-line session opens with its score waterfall and the offending words highlighted',
    async run(page) {
      await openAlerts(page);
      await page
        .getByText(/红线违规/)
        .first()
        .click();
      await page.getByText('总分').first().waitFor({ timeout: 20_000 });
      await page.locator('.chat-transcript__mark--red').first().waitFor({ timeout: 20_000 });
      await settled(page, '.chat-transcript');
      await page.screenshot({ path: join(SHOTS, 'session-detail.png'), fullPage: true });
    },
  },
  {
    name: 'a rude agent reply to a pushed chat appears on the open alert page without a reload',
    async run(page) {
      await openAlerts(page);
      const customer = `oE2E${Date.now()}`;
      const answer = await push({
        ToUserName: 'gh_0123456789ab',
        FromUserName: customer,
        CreateTime: Math.floor(Date.now() / 1000),
        MsgType: 'text',
        Content: '你好，我的订单三天了还没发货',
        MsgId: Date.now(),
      });
      if (answer !== 'success') throw new Error(`push answered ${answer}`);
      const session = { _id: await openSessionOf(customer) };
      const navigations: string[] = [];
      page.on('framenavigated', (f) => navigations.push(f.url()));
      // The agent confirms past the pre-send red-line warning (issue 16), as a careless agent would.
      await callApi('demo-agent', {
        action: 'messages/reply',
        sessionId: session._id,
        text: '爱买不买，别烦我',
        confirmRedLine: true,
      });
      // Alert ids hold the session id (which holds a digest of the customer id, never the id itself).
      await page.locator(`[data-alert-id*="${session._id}"]`).first().waitFor({ timeout: 10_000 });
      if (navigations.some((u) => !u.includes('#'))) throw new Error(`the page reloaded: ${navigations.join(', ')}`);
    },
  },
  {
    name: 'a rude agent message through the signed ingest API alerts live; opened, the words are highlighted; acknowledged',
    async run(page) {
      await openAlerts(page);
      const customer = `oE2EApi${Date.now()}`;
      await postRudeExchange(
        BASE,
        customer,
        { customer: '在吗？退款什么时候到账', agent: '你自己看不懂吗？爱买不买' },
        8_000,
      );
      const session = await openSessionOf(customer);
      const card = page.locator(`[data-alert-id*="${session}"]`).first();
      await card.waitFor({ timeout: 10_000 });
      await card.click();
      await page.locator('.chat-transcript__mark', { hasText: '你自己看不懂吗' }).first().waitFor({ timeout: 20_000 });
      // taro-ui's AtButton lays a native button over its text: click the button itself.
      await page.locator('.at-button', { hasText: '确认告警' }).first().click();
      await page.getByText('状态：已确认').first().waitFor({ timeout: 10_000 });
      await page
        .locator('.taro__toast')
        .first()
        .waitFor({ state: 'hidden', timeout: 5_000 })
        .catch(() => {});
      await settled(page, '.chat-transcript');
      await page.screenshot({ path: join(SHOTS, 'session-detail-live.png'), fullPage: true });
    },
  },
  {
    name: 'the live sessions page lists open sessions with waiting customers',
    async run(page) {
      await push({
        ToUserName: 'gh_0123456789ab',
        FromUserName: `oWaiting${Date.now()}`,
        CreateTime: Math.floor(Date.now() / 1000) - 240,
        MsgType: 'text',
        Content: '人呢？怎么没人回复',
        MsgId: Date.now() + 1,
      });
      await openAlerts(page);
      await page.getByText('实时会话 ›').first().click();
      await page.locator('.live-page__title', { hasText: '实时会话' }).waitFor({ timeout: 20_000 });
      await page.getByText(/等待/).first().waitFor({ timeout: 20_000 });
      await settled(page, '.live-page__title');
      await page.screenshot({ path: join(SHOTS, 'live-sessions.png') });
    },
  },
  {
    name: 'manual inspection: an inspector rejects a hit, adds a missed one, annotates, submits; the agent appeals; the supervisor overturns',
    async run(page) {
      // A scored session of demo-agent in demo-supervisor's team that lost points.
      const agent = (await callApi('demo-agent', { action: 'me/get' })) as { agentId: string; team: string };
      const closed = (await callApi('demo-admin', { action: 'sessions/list', status: 'closed', limit: 100 })) as {
        items: { _id: string; agentId?: string; team?: string; score?: { total: number } }[];
      };
      const session = closed.items.find(
        (s) => s.agentId === agent.agentId && s.team === agent.team && (s.score?.total ?? 100) < 100,
      );
      if (!session) throw new Error('no scored session of demo-agent that lost points');

      await openAs(page, 'demo-inspector', `/packages/review/index/index?sessionId=${session._id}`, '机器命中');
      const firstHit = page.locator('[data-hit-key]').first();
      await firstHit.locator('input').fill('客户先辱骂，客服回应属于正常解释');
      await firstHit.locator('.review-page__chip', { hasText: '误命中' }).click();
      await page.locator('.review-page__hit--rejected').first().waitFor({ timeout: 10_000 });
      await page.locator('.at-button', { hasText: '补充漏判' }).click();
      // Pick the message by tapping the first agent bubble, the span by tapping two of its characters.
      await page.locator('.chat-transcript__bubble--agent[data-message-index]').first().click();
      const chars = page.locator('[data-testid="span-chars"] [data-char]');
      await chars.nth(0).click();
      await chars.nth(Math.min(3, (await chars.count()) - 1)).click();
      await page.locator('[data-testid="span-picked"]').waitFor({ timeout: 10_000 });
      await page.locator('[data-testid="form-hit"] textarea').fill('未核实订单就答复');
      await page.locator('[data-testid="form-hit"] .at-button', { hasText: '保存' }).click();
      await page.getByText('补充的漏判（1）').waitFor({ timeout: 10_000 });
      await toastGone(page);
      await page.locator('.at-button', { hasText: '标注' }).click();
      await page.locator('[data-testid="form-note"] textarea').fill('客户情绪激动，应先安抚');
      await page.locator('[data-testid="form-note"] .at-button', { hasText: '保存' }).click();
      await page.getByText('标注（1）').waitFor({ timeout: 10_000 });
      await toastGone(page);
      await page.screenshot({ path: join(SHOTS, 'review-draft.png'), fullPage: true });
      await page.locator('.review-page__bar .at-button', { hasText: '提交' }).click();
      await confirmModal(page);
      await page.getByText('已提交，结果已通知客服（提交后不可修改）').waitFor({ timeout: 10_000 });

      const reviewId = `rv_${session._id}_demo-inspector`;
      await openAs(page, 'demo-agent', `/packages/appeal/result/index?reviewId=${reviewId}`, '申诉截止');
      const item = page.locator('[data-appeal-key]').first();
      await item.locator('.at-button', { hasText: '申诉此项' }).click();
      await item.locator('textarea').fill('客户要求查询物流，我已给出单号，并非推诿');
      await page.locator('.appeal-page__bar .at-button').click();
      await page
        .getByText(/待裁决/)
        .first()
        .waitFor({ timeout: 10_000 });
      await toastGone(page);
      await page.screenshot({ path: join(SHOTS, 'appeal-filed.png'), fullPage: true });

      await openAs(page, 'demo-supervisor', `/packages/appeal/decide/index?appealId=ap_${reviewId}`, '客服理由');
      await page.locator('[data-appeal-item] .at-button', { hasText: '撤销' }).first().click();
      await confirmModal(page);
      await page.getByText('已撤销扣分').first().waitFor({ timeout: 10_000 });
      await toastGone(page);
      await page.screenshot({ path: join(SHOTS, 'appeal-decided.png'), fullPage: true });
    },
  },
  // Sampling plans (issue 13, plans)
  {
    name: 'a supervisor creates a risk-weighted plan on the phone page and sees per-agent margins',
    async run(page) {
      await openAlerts(page);
      await page.getByText('抽检计划 ›').first().click();
      await page.getByText('新建抽检计划').first().waitFor({ timeout: 20_000 });
      await page.getByText('风险加权').first().click();
      await page
        .getByText(/红线 \+5/)
        .first()
        .waitFor({ timeout: 20_000 });
      // Half of the team's sessions, so every agent has enough drawn for both margins.
      await page.locator('[data-part=create] input').nth(1).fill('50'); // name, size, due days
      await page
        .getByText(/抽取 \d+ 通/)
        .first()
        .waitFor({ timeout: 20_000 });
      const rows = page.locator('[data-part=margins] [data-agent]');
      await rows.first().waitFor({ timeout: 20_000 });
      let texts: string[] = [];
      for (let i = 0; i < 40; i++) {
        texts = await rows.allInnerTexts();
        if (texts.some((t) => /±\d+\.\d[\s\S]*±\d+\.\d/.test(t))) break;
        await page.waitForTimeout(500);
      }
      if (!texts.some((t) => /±\d+\.\d[\s\S]*±\d+\.\d/.test(t))) {
        throw new Error(`no per-agent margins: ${JSON.stringify(texts)}`);
      }
      await page.getByText('创建计划').first().click();
      await page
        .getByText(/已创建，生成 [1-9]\d* 个任务/)
        .first()
        .waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(SHOTS, 'sampling-plan.png'), fullPage: true });
    },
  },
  {
    name: 'an inspector sees a review task with its due date on their home',
    async run(page) {
      const mine = (await callApi('demo-inspector', { action: 'tasks/list' })) as { total: number };
      if (mine.total === 0) {
        const now = Date.now();
        await callApi('demo-supervisor', {
          action: 'plans/create',
          name: 'e2e 抽检',
          kind: 'random',
          size: { count: 4 },
          period: { from: now - 14 * 86400_000, to: now },
          inspectorIds: ['demo-inspector'],
        });
      }
      await page.goto(`${BASE}/?as=demo-inspector`);
      await page.getByText('我的任务').first().waitFor({ timeout: 30_000 });
      await page.locator('[data-part=my-tasks] [data-task]').first().waitFor({ timeout: 20_000 });
      await page
        .getByText(/截止|已逾期/)
        .first()
        .waitFor({ timeout: 20_000 });
      await page.screenshot({ path: join(SHOTS, 'inspector-tasks.png') });
    },
  },
  // Settings: scorecards (issue 14, scorecards)
  {
    name: 'an admin turns a rule off and adds a closing word, back-tests the draft and sees the flips, publishes, and the next session is scored with that version',
    async run(page) {
      await openAs(page, 'demo-admin', '/packages/settings/scorecard/index?scorecardId=default', '版本历史');
      await page.locator('[data-switch="greeting-missing"]').click();
      await page.locator('[data-switch="greeting-missing"]', { hasText: '已关闭' }).waitFor({ timeout: 20_000 });
      const closing = page.locator('[data-words="p:closing-missing:0:words"]');
      await closing.locator('input').fill('回见');
      await closing.getByText('添加', { exact: true }).click();
      await closing.locator('[data-word="回见"]').waitFor({ timeout: 20_000 });
      // Back-test the draft over the last 7 days of demo sessions before publishing.
      await openAs(page, 'demo-admin', '/packages/settings/backtest/index?scorecardId=default', '开始回测');
      await page.getByText('近 7 天', { exact: true }).click();
      await page.getByText('开始回测', { exact: true }).click();
      await page
        .getByText(/合格结果翻转 \d+ 通/)
        .first()
        .waitFor({ timeout: 120_000 });
      await settled(page, '[data-part=flips]');
      await page.screenshot({ path: join(SHOTS, 'scorecard-backtest.png'), fullPage: true });
      await openAs(page, 'demo-admin', '/packages/settings/scorecard/index?scorecardId=default', '版本历史');
      await page.getByText('发布', { exact: true }).first().click();
      await page.getByText('修改规则「首句未问候」：关闭').first().waitFor({ timeout: 10_000 });
      // The confirm shows what that back-test found.
      await page
        .getByText(/回测近 7 天 \d+ 通/)
        .first()
        .waitFor({ timeout: 10_000 });
      await page.locator('[data-part=confirm]').screenshot({ path: join(SHOTS, 'scorecard-publish-confirm.png') });
      await page.getByText('确认发布').first().click();
      const done = page.getByText(/已发布 v\d+/).first();
      await done.waitFor({ timeout: 20_000 });
      const version = /已发布 v(\d+)/.exec(await done.innerText())?.[1];
      // The agent never greets and says goodbye only with the new word: the shipped default would deduct both.
      const start = Date.now() - 10 * 60_000;
      const at = (s: number) => new Date(start + s * 1000).toISOString();
      const { sessionId } = (await callApi('demo-admin', {
        action: 'conversations/import',
        conversation: {
          id: `e2e-scorecard-${Date.now()}`,
          channel: 'import',
          customerId: `oE2EScorecard${Date.now()}`,
          agentId: 'kf001',
          messages: [
            { role: 'customer', at: at(0), text: '我的快递到哪了' },
            { role: 'agent', at: at(20), text: '已经在路上了，明天到' },
            { role: 'customer', at: at(40), text: '好的，明天等你们消息' },
            { role: 'agent', at: at(60), text: '好嘞，回见' },
          ],
        },
      })) as { sessionId: string };
      await page.goto(`${BASE}/#/packages/session/detail/index?sessionId=${encodeURIComponent(sessionId)}`);
      await page.getByText(`评分卡 default v${version}`).first().waitFor({ timeout: 20_000 });
      for (const rule of ['greeting-missing', 'closing-missing']) {
        if ((await page.locator(`[data-rule-id="${rule}"]`).count()) > 0) throw new Error(`${rule} still deducted`);
      }
      await settled(page, '.score-waterfall');
      await page.screenshot({ path: join(SHOTS, 'scorecard-published-session.png'), fullPage: true });
    },
  },
  // The agent's workspace (issue 16, agentdesk)
  {
    name: "the agent's workspace: an agent answers a waiting customer and the reply shows in the supervisor's live view",
    async run(page) {
      const customer = `oDeskE2e${Date.now()}`;
      await push({
        ToUserName: 'gh_0123456789ab',
        FromUserName: customer,
        CreateTime: Math.floor(Date.now() / 1000) - 30,
        MsgType: 'text',
        Content: '你好，我昨天买的耳机什么时候发货？',
        MsgId: Date.now() + 7,
      });
      const sessionId = await openSessionOf(customer);
      await openAs(page, 'demo-agent', '/packages/agent/desk/index', '等待回复');
      await page.locator(`[data-session-id="${sessionId}"]`).waitFor({ timeout: 20_000 });
      await page.screenshot({ path: join(SHOTS, 'agent-desk.png') });
      await page.locator(`[data-session-id="${sessionId}"]`).click();
      await page
        .getByText(/回复窗口剩余/)
        .first()
        .waitFor({ timeout: 20_000 });
      const reply = '您好，耳机今天下午发出，发出后可在订单里查看物流';
      await page.locator('.reply-box textarea').fill(reply);
      await page.locator('.reply-box .at-button', { hasText: /^发送$/ }).click();
      await page.locator('.chat-transcript__bubble--agent', { hasText: reply }).waitFor({ timeout: 20_000 });
      await settled(page, '.desk-chat__info');
      await page.screenshot({ path: join(SHOTS, 'agent-chat-replied.png'), fullPage: true });

      await openAs(page, 'demo-supervisor', '/packages/supervisor/live/index', '等待回复');
      const item = page.locator(`[data-session-id="${sessionId}"]`);
      await item.getByText('已回复').waitFor({ timeout: 20_000 });
      await item.getByText('介入').click();
      await page.locator('.chat-transcript__bubble--agent', { hasText: reply }).waitFor({ timeout: 20_000 });
      await settled(page, '.desk-chat__info');
      await page.screenshot({ path: join(SHOTS, 'supervisor-intervene.png'), fullPage: true });
    },
  },

  // Reports (issue 15): the pages as a supervisor and an agent, a drill-down from a chart, an export.
  {
    name: 'reports: a supervisor opens the figures, drills down from a chart to its sessions, and exports an Excel file that parses',
    async run(page) {
      await openReportsMonth(page, 'demo-supervisor');
      await page
        .locator('[data-testid=chart-report-scores] svg path')
        .first()
        .waitFor({ state: 'attached', timeout: 20_000 });
      await page.waitForTimeout(800); // the charts' entry animation
      await page.screenshot({ path: join(SHOTS, 'reports-supervisor.png'), fullPage: true });

      // The tallest bar of the score distribution: a tap opens that score range's sessions. The
      // chart sits below the figure cards and the later sections: bring it into view first, a
      // click at coordinates outside the viewport hits nothing.
      await page.locator('[data-testid=chart-report-scores]').scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
      const bar = await page.evaluate(() => {
        const host = document.querySelector('[data-testid=chart-report-scores]') as HTMLElement;
        const frame = host.getBoundingClientRect();
        let best: { x: number; y: number; h: number } | null = null;
        for (const el of Array.from(host.querySelectorAll('svg path'))) {
          const b = el.getBoundingClientRect();
          if (b.height < 4 || b.width < 2 || b.width > frame.width / 4) continue;
          if (!best || b.height > best.h) best = { x: b.left + b.width / 2, y: b.top + b.height / 2, h: b.height };
        }
        return best;
      });
      if (!bar) throw new Error('no bar in the score distribution');
      await page.mouse.click(bar.x, bar.y);
      await page.locator('.session-list__item').first().waitFor({ timeout: 20_000 });
      // Each session behind the bar carries its score (the overview stays hidden in the DOM behind
      // the new page, so look inside the list, not for any 得分 on the page).
      await page.locator('.session-list__item .session-list__total').first().waitFor({ timeout: 5_000 });
      await page.screenshot({ path: join(SHOTS, 'reports-drilldown.png') });

      await openReportsMonth(page, 'demo-supervisor');
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 30_000 }),
        page.locator('.report-export .at-button', { hasText: '导出 Excel' }).click(),
      ]);
      const file = join(SHOTS, 'reports-export.xlsx');
      await download.saveAs(file);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const overview = wb.getWorksheet('概览');
      if (!overview || overview.rowCount < 2)
        throw new Error(`the export has no 概览 rows: ${wb.worksheets.map((w) => w.name)}`);
      const sessions = overview.getRow(2).getCell(2).value;
      if (overview.getRow(2).getCell(1).value !== '会话数' || typeof sessions !== 'number' || sessions <= 0) {
        throw new Error(`the export's 会话数 is ${String(sessions)}`);
      }
      await page.locator('[data-testid=export-last]').waitFor({ timeout: 10_000 });
      await toastGone(page);
      await page.screenshot({ path: join(SHOTS, 'reports-export.png') });
    },
  },
  {
    name: 'reports: an agent sees their own figures only, without breakdowns',
    async run(page) {
      await openReportsMonth(page, 'demo-agent');
      await page
        .getByText(/^坐席 /)
        .first()
        .waitFor({ timeout: 10_000 });
      if ((await page.getByText('不细分').count()) > 0) throw new Error('an agent is offered breakdowns');
      await page.waitForTimeout(800);
      await page.screenshot({ path: join(SHOTS, 'reports-agent.png'), fullPage: true });
    },
  },
  // Personal data (issue 17): 设置 → 个人信息保护
  {
    name: 'privacy: an admin changes the retention period, looks a customer up and erases them after the confirm',
    async run(page) {
      const customer = `oPrivacyE2e${Date.now()}`;
      await push({
        ToUserName: 'gh_0123456789ab',
        FromUserName: customer,
        CreateTime: Math.floor(Date.now() / 1000) - 30,
        MsgType: 'text',
        Content: '我的手机号是13812345678，订单怎么还没发货？',
        MsgId: Date.now() + 17,
      });
      await openAs(page, 'demo-admin', '/packages/settings/privacy/index', '消息保留期');
      await page.locator('[data-field=messageDays] input').fill('90');
      await page.locator('[data-part=retention] .settings__button').click();
      await page.getByText('已保存：消息保留 90 天').waitFor({ timeout: 10_000 });
      const kept = await callApi('demo-admin', { action: 'retention/get' });
      if (kept.messageDays !== 90) throw new Error(`retention is ${String(kept.messageDays)}`);
      await page.screenshot({ path: join(SHOTS, 'privacy-retention.png') });

      await page.locator('[data-field=customerId] input').fill(customer);
      await page.getByText('查询并导出').click();
      await page.locator('[data-part=export]').waitFor({ timeout: 10_000 });
      if ((await page.content()).includes('13812345678')) throw new Error('the lookup shows the phone number unmasked');
      await page.screenshot({ path: join(SHOTS, 'privacy-lookup.png') });

      await page.getByText('删除该客户的个人信息').click();
      await confirmModal(page);
      await page.getByText(/审计日志以摘要/).waitFor({ timeout: 15_000 });
      await page.getByText(/^已删除：/).waitFor({ timeout: 5_000 });
      const after = await callApi('demo-admin', { action: 'customers/export', customerId: customer }).catch(
        (e: Error) => e,
      );
      if (!(after instanceof Error) || !after.message.includes('CUSTOMER.NOT_FOUND')) {
        throw new Error(
          `the customer is still held: ${after instanceof Error ? after.message : JSON.stringify(after)}`,
        );
      }
      await page.screenshot({ path: join(SHOTS, 'privacy-erased.png') });
    },
  },
  // Rectification notices (issue 16, agent-notices)
  {
    name: 'a supervisor issues a rectification notice from a session; the agent acknowledges it with an answer',
    async run(page) {
      const agent = (await callApi('demo-agent', { action: 'me/get' })) as { agentId: string; team: string };
      const closed = (await callApi('demo-admin', { action: 'sessions/list', status: 'closed', limit: 100 })) as {
        items: { _id: string; agentId?: string; team?: string }[];
      };
      const session = closed.items.find((s) => s.agentId === agent.agentId && s.team === agent.team);
      if (!session) throw new Error('no closed session of demo-agent');

      await openAs(page, 'demo-supervisor', `/packages/session/detail/index?sessionId=${session._id}`, '会话记录');
      await page.locator('.at-button', { hasText: '下发整改' }).click();
      await page.getByText('下发整改通知').first().waitFor({ timeout: 20_000 });
      await page.locator('textarea').nth(0).fill('客户催问物流时没有给出预计送达时间');
      await page.locator('textarea').nth(1).fill('查询前先告知预计时间，并写明改进做法');
      await page.locator('.rectification-page__chip', { hasText: '5 天' }).click();
      await page.locator('.at-button', { hasText: /^下发$/ }).click();
      await page.getByText('待确认').first().waitFor({ timeout: 20_000 });
      const id = new URL(page.url().replace('#', '')).searchParams.get('id');
      if (!id) throw new Error(`no rectification id in ${page.url()}`);
      await toastGone(page);
      await page.screenshot({ path: join(SHOTS, 'rectification-issued.png'), fullPage: true });

      await openAs(page, 'demo-agent', '/packages/agent/home/index', '整改通知');
      await page.locator(`[data-rectification-id="${id}"]`).click();
      await page.locator('.at-button', { hasText: '确认整改' }).waitFor({ timeout: 20_000 });
      await page.locator('textarea').first().fill('已复盘：之后先告知预计送达时间再查询');
      await page.locator('.at-button', { hasText: '确认整改' }).click();
      await page.getByText('整改中').first().waitFor({ timeout: 20_000 });
      await toastGone(page);
      await page.screenshot({ path: join(SHOTS, 'rectification-acknowledged.png'), fullPage: true });
    },
  },
];

/** `E2E_ONLY=reports,privacy` runs the walks whose names start with (or contain) one of these words. */
const only = process.env.E2E_ONLY?.split(',').filter(Boolean);
const selected = only ? checks.filter((c) => only.some((w) => c.name.includes(w))) : checks;

async function main(): Promise<number> {
  mkdirSync(SHOTS, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'kefu-qa-e2e-'));
  let host: HostProcess | null = null;
  let browser: Browser | null = null;
  let passed = 0;
  let failed = 0;
  try {
    // Another worktree's e2e host on the same port would answer our health check and the walks
    // would test its build: refuse to start beside one (E2E_PORT picks another port).
    const foreign = await fetch(`${BASE}/healthz`).then(
      () => true,
      () => false,
    );
    if (foreign) throw new Error(`port ${PORT} already answers (another local cloud): set E2E_PORT`);
    // Started as `npm start` starts it (building what is missing), its log on our output; without
    // demo traffic, so the walks' counts and lists hold still (a walk pushes its own customer).
    host = await startHost({
      port: PORT,
      dataDir,
      args: ['--no-demo-traffic'],
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    browser = await launchChromium();
    for (const check of selected) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
      const page = await context.newPage();
      try {
        await check.run(page);
        passed++;
        console.log(`  ✓ ${check.name}`);
      } catch (e) {
        failed++;
        console.log(`  ✗ ${check.name}\n    ${(e as Error).message}`);
        await page.screenshot({ path: join(SHOTS, `FAILED-${passed + failed}.png`) }).catch(() => {});
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser?.close();
    await host?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return failed === 0 && passed === selected.length ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
