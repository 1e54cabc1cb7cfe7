/**
 * Cloud database behaviour the project relies on, checked through the real wx-server-sdk bound to
 * the local store. Test names cite the WeChat cloud development documentation (云开发 数据库).
 */
import { makeCloud, rejectionOf, seed } from './support/cloud.factory';
import type { PromiseDb } from './support/cloud.factory';

type Row = Record<string, unknown>;

describe('reading pages', () => {
  it('get() without limit returns 100 rows (文档: 云函数端 get 默认且最多取 100 条)', async () => {
    const { db, store } = makeCloud();
    seed(store, 'items', 150);
    const { data } = await db.collection('items').get();
    expect(data).toHaveLength(100);
  });

  it('get() with a limit above 1000 returns 1000 rows (文档: limit 最大 1000)', async () => {
    const { db, store } = makeCloud();
    seed(store, 'items', 1100);
    const { data } = await db.collection('items').limit(5000).get();
    expect(data).toHaveLength(1000);
  });

  it('aggregate().end() returns 20 rows unless limited (文档: 聚合默认返回 20 条)', async () => {
    const { db, store } = makeCloud();
    seed(store, 'items', 50);
    const unlimited = await db
      .collection('items')
      .aggregate()
      .match({ n: db.command.gte(0) })
      .end();
    const limited = await db
      .collection('items')
      .aggregate()
      .match({ n: db.command.gte(0) })
      .limit(45)
      .end();
    expect(unlimited.list).toHaveLength(20);
    expect(limited.list).toHaveLength(45);
  });

  it('where/orderBy/skip/limit/field page and shape the result (文档: Collection.where/orderBy/skip/limit/field)', async () => {
    const { db, store, _ } = makeCloud();
    seed(store, 'items', 30, (n) => ({ group: n % 2 === 0 ? 'even' : 'odd', secret: 'x' }));
    const { data } = await db
      .collection('items')
      .where({ group: 'even', n: _.gte(4) })
      .orderBy('n', 'desc')
      .skip(2)
      .limit(3)
      .field({ n: true })
      .get();
    expect(data).toEqual([
      { _id: 'd0024', n: 24 },
      { _id: 'd0022', n: 22 },
      { _id: 'd0020', n: 20 },
    ]);
  });

  it('orderBy on two fields sorts by the first, then the second (文档: orderBy 可多次调用)', async () => {
    const { db, store } = makeCloud();
    store.insert('items', [
      { _id: 'a', k: 1, t: 2 },
      { _id: 'b', k: 2, t: 1 },
      { _id: 'c', k: 1, t: 1 },
    ]);
    const { data } = await db.collection('items').orderBy('k', 'asc').orderBy('t', 'desc').get();
    expect(data.map((row: Row) => row._id)).toEqual(['a', 'c', 'b']);
  });

  it('count() counts the matching documents (文档: Collection.count)', async () => {
    const { db, store, _ } = makeCloud();
    seed(store, 'items', 40);
    const { total } = await db
      .collection('items')
      .where({ n: _.lt(15) })
      .count();
    expect(total).toBe(15);
  });

  it('doc(id).get() of a missing document fails (文档: 文档不存在时 get 报错)', async () => {
    const { db, store } = makeCloud();
    seed(store, 'items', 1);
    const error = await rejectionOf(db.collection('items').doc('nope').get());
    expect(error.message).toContain('document with _id nope does not exist');
  });

  it('a result over 1 MB fails with -602001 (文档: 单次查询结果不超过 1MB)', async () => {
    const { db, store } = makeCloud();
    const big = 'x'.repeat(600 * 1024);
    store.insert('blobs', [
      { _id: 'a', big },
      { _id: 'b', big },
    ]);
    const viaGet = await rejectionOf(db.collection('blobs').get());
    const viaAggregate = await rejectionOf(db.collection('blobs').aggregate().match({}).end());
    expect(viaGet.errCode).toBe(-602001);
    expect(viaGet.message).toContain('collection.get:fail -602001 database query result size exceed limit (1MB)');
    expect(viaAggregate.errCode).toBe(-602001);
  });

  it('one document under 1 MB is still returned (文档: 限制针对单次结果总大小)', async () => {
    const { db, store } = makeCloud();
    store.insert('blobs', [{ _id: 'a', big: 'x'.repeat(600 * 1024) }]);
    const { data } = await db.collection('blobs').get();
    expect(data).toHaveLength(1);
  });
});

describe('query operators', () => {
  it('db.RegExp and JS RegExp literals both filter (文档: db.RegExp 正则查询)', async () => {
    const { db, store } = makeCloud();
    store.insert('msgs', [
      { _id: 'a', text: '我要退款' },
      { _id: 'b', text: 'Refund please' },
      { _id: 'c', text: '你好' },
    ]);
    const viaDbRegExp = await db
      .collection('msgs')
      .where({ text: db.RegExp({ regexp: 'refund', options: 'i' }) })
      .get();
    const viaLiteral = await db
      .collection('msgs')
      .where({ text: /退款|refund/i })
      .get();
    expect(viaDbRegExp.data.map((row: Row) => row._id)).toEqual(['b']);
    expect(viaLiteral.data.map((row: Row) => row._id)).toEqual(['a', 'b']);
  });

  it('_.in, _.gt/_.lt and _.or select like MongoDB (文档: 查询指令 in/gt/lt/or)', async () => {
    const { db, store, _ } = makeCloud();
    seed(store, 'items', 10, (n) => ({ status: ['open', 'closed', 'pending'][n % 3] }));
    const inResult = await db
      .collection('items')
      .where({ status: _.in(['open', 'pending']), n: _.gt(2).and(_.lt(8)) })
      .get();
    const orResult = await db
      .collection('items')
      .where(_.or([{ n: _.lt(1) }, { n: _.gt(8) }]))
      .get();
    expect(inResult.data.map((row: Row) => row.n)).toEqual([3, 5, 6]);
    expect(orResult.data.map((row: Row) => row.n)).toEqual([0, 9]);
  });

  it('nested field paths query and update (文档: 点表示法 "a.b")', async () => {
    const { db, store } = makeCloud();
    store.insert('sessions', [
      { _id: 's1', agent: { id: 'a1', name: '王' } },
      { _id: 's2', agent: { id: 'a2', name: '李' } },
    ]);
    const { data } = await db.collection('sessions').where({ 'agent.id': 'a2' }).get();
    await db
      .collection('sessions')
      .doc('s1')
      .update({ data: { 'agent.name': '张', score: { total: 90 } } });
    expect(data.map((row: Row) => row._id)).toEqual(['s2']);
    expect(store.findById('sessions', 's1')).toEqual({
      _id: 's1',
      agent: { id: 'a1', name: '张' },
      score: { total: 90 },
    });
  });

  it('db.serverDate() is stored as the server time (文档: serverDate 服务端时间)', async () => {
    const { db, _ } = makeCloud();
    const before = Date.now();
    await db
      .collection('events')
      .add({ data: { _id: 'e1', at: db.serverDate(), later: db.serverDate({ offset: 60_000 }) } });
    const { data } = await db.collection('events').doc('e1').get();
    const { total } = await db
      .collection('events')
      .where({ at: _.lte(db.serverDate()) })
      .count();
    expect(data.at).toBeInstanceOf(Date);
    expect(data.at.getTime()).toBeGreaterThanOrEqual(before);
    expect(data.later.getTime() - data.at.getTime()).toBe(60_000);
    expect(total).toBe(1);
  });

  it('Dates round-trip as Date objects and compare in queries (文档: 数据类型 Date)', async () => {
    const { db, _ } = makeCloud();
    await db
      .collection('events')
      .add({ data: [{ at: new Date('2024-01-01T00:00:00Z') }, { at: new Date('2024-06-01T00:00:00Z') }] });
    const { data } = await db
      .collection('events')
      .where({ at: _.gt(new Date('2024-03-01T00:00:00Z')) })
      .get();
    expect(data).toHaveLength(1);
    expect(data[0].at).toEqual(new Date('2024-06-01T00:00:00Z'));
  });
});

describe('writes', () => {
  it('doc(id).update() does not create a missing document (文档: update 仅更新已存在记录)', async () => {
    const { db, store } = makeCloud();
    seed(store, 'counters', 1);
    const result = await db
      .collection('counters')
      .doc('missing')
      .update({ data: { n: 1 } });
    expect(result.stats.updated).toBe(0);
    expect(store.findById('counters', 'missing')).toBeNull();
  });

  it('doc(id).set() creates a missing document and replaces an existing one (文档: set 不存在则创建)', async () => {
    const { db, store } = makeCloud();
    const created = await db
      .collection('users')
      .doc('u1')
      .set({ data: { role: 'agent', name: '王' } });
    const replaced = await db
      .collection('users')
      .doc('u1')
      .set({ data: { role: 'admin' } });
    expect(created.stats).toEqual({ updated: 0, created: 1 });
    expect(replaced.stats).toEqual({ updated: 1, created: 0 });
    expect(store.findById('users', 'u1')).toEqual({ _id: 'u1', role: 'admin' });
  });

  it('add() with a duplicate _id fails with -502001 E11000 (文档: _id 唯一)', async () => {
    const { db } = makeCloud();
    await db.collection('messages').add({ data: { _id: 'm1', text: 'a' } });
    const error = await rejectionOf(db.collection('messages').add({ data: { _id: 'm1', text: 'b' } }));
    expect(error.errCode).toBe(-502001);
    expect(error.message).toContain('E11000 duplicate key');
  });

  it('add() without _id generates a 32-hex id (文档: 未指定 _id 时自动生成)', async () => {
    const { db } = makeCloud();
    const { _id } = await db.collection('messages').add({ data: { text: 'a' } });
    expect(_id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('_.inc, _.push, _.set and _.remove update fields (文档: 更新指令)', async () => {
    const { db, store, _ } = makeCloud();
    store.insert('rollups', [{ _id: 'r1', count: 1, tags: ['a'], meta: { x: 1, y: 2 }, stale: true }]);
    await db
      .collection('rollups')
      .doc('r1')
      .update({
        data: { count: _.inc(2), tags: _.push(['b', 'c']), meta: _.set({ z: 3 }), stale: _.remove() },
      });
    expect(store.findById('rollups', 'r1')).toEqual({ _id: 'r1', count: 3, tags: ['a', 'b', 'c'], meta: { z: 3 } });
  });

  it('_.inc on concurrent calls loses no increment (文档: 原子更新)', async () => {
    const { db, store, _ } = makeCloud();
    store.insert('rollups', [{ _id: 'r1', count: 0 }]);
    await Promise.all(
      Array.from({ length: 50 }, () =>
        db
          .collection('rollups')
          .doc('r1')
          .update({ data: { count: _.inc(1) } }),
      ),
    );
    expect(store.findById('rollups', 'r1')?.count).toBe(50);
  });

  it('where().update() updates every match (文档: Collection.update 批量更新)', async () => {
    const { db, store, _ } = makeCloud();
    seed(store, 'sessions', 6, (n) => ({ status: n < 4 ? 'open' : 'closed' }));
    const result = await db
      .collection('sessions')
      .where({ status: 'open' })
      .update({ data: { status: 'closed', closedBy: _.set('timer') } });
    expect(result.stats.updated).toBe(4);
    expect(store.count('sessions', { status: 'closed', closedBy: 'timer' })).toBe(4);
  });

  it('remove() deletes one document or every match (文档: Document.remove / Collection.remove)', async () => {
    const { db, store, _ } = makeCloud();
    seed(store, 'items', 10);
    const one = await db.collection('items').doc('d0000').remove();
    const many = await db
      .collection('items')
      .where({ n: _.gte(5) })
      .remove();
    expect(one.stats.removed).toBe(1);
    expect(many.stats.removed).toBe(5);
    expect(store.count('items')).toBe(4);
  });

  it('reading a missing collection fails with -502005 in strict mode (文档: 集合需先创建)', async () => {
    const { db } = makeCloud({ store: { strictCollections: true } });
    const error = await rejectionOf(db.collection('nowhere').get());
    expect(error.errCode).toBe(-502005);
  });

  it('reading a missing collection answers empty by default (本地: 首次写入时建集合)', async () => {
    const { db } = makeCloud();
    const { data } = await db.collection('nowhere').get();
    expect(data).toEqual([]);
  });

  it('db.createCollection() creates a collection once (文档: createCollection)', async () => {
    const { db, store } = makeCloud({ store: { strictCollections: true } });
    await db.createCollection('alerts');
    const again = await rejectionOf(db.createCollection('alerts'));
    expect(store.hasCollection('alerts')).toBe(true);
    expect(again.message).toContain('createCollection:fail');
  });
});

describe('transactions', () => {
  it('runTransaction applies single-document operations atomically (文档: 事务 runTransaction)', async () => {
    const { db, store, _ } = makeCloud();
    store.insert('accounts', [
      { _id: 'a', balance: 100 },
      { _id: 'b', balance: 0 },
    ]);
    const result = await db.runTransaction(async (t: PromiseDb) => {
      const a = await t.collection('accounts').doc('a').get();
      await t
        .collection('accounts')
        .doc('a')
        .update({ data: { balance: _.inc(-30) } });
      await t
        .collection('accounts')
        .doc('b')
        .update({ data: { balance: _.inc(30) } });
      await t.collection('ledger').add({ data: { _id: 'l1', amount: 30 } });
      return a.data.balance;
    });
    expect(result).toBe(100);
    expect(store.find('accounts').map((row) => row.balance)).toEqual([70, 30]);
    expect(store.findById('ledger', 'l1')).toEqual({ _id: 'l1', amount: 30 });
  });

  it('runTransaction rolls back every write when the callback throws (文档: 事务回滚)', async () => {
    const { db, store, _ } = makeCloud();
    store.insert('accounts', [{ _id: 'a', balance: 100 }]);
    const error = await rejectionOf(
      db.runTransaction(async (t: PromiseDb) => {
        await t
          .collection('accounts')
          .doc('a')
          .update({ data: { balance: _.inc(-30) } });
        await t
          .collection('accounts')
          .doc('z')
          .set({ data: { balance: 1 } });
        throw new Error('insufficient');
      }),
    );
    expect(error.message).toBe('insufficient');
    expect(store.findById('accounts', 'a')?.balance).toBe(100);
    expect(store.findById('accounts', 'z')).toBeNull();
  });

  it('transaction writes are invisible outside until commit (文档: 事务隔离)', async () => {
    const { db, store } = makeCloud();
    store.insert('accounts', [{ _id: 'a', balance: 100 }]);
    const t = await db.startTransaction();
    await t
      .collection('accounts')
      .doc('a')
      .update({ data: { balance: 1 } });
    const inside = await t.collection('accounts').doc('a').get();
    const outside = await db.collection('accounts').doc('a').get();
    await t.commit();
    expect(inside.data.balance).toBe(1);
    expect(outside.data.balance).toBe(100);
    expect(store.findById('accounts', 'a')?.balance).toBe(1);
  });

  it('startTransaction then rollback discards the writes (文档: startTransaction/rollback)', async () => {
    const { db, store } = makeCloud();
    store.insert('accounts', [{ _id: 'a', balance: 100 }]);
    const t = await db.startTransaction();
    await t.collection('accounts').doc('a').remove();
    await t.collection('accounts').add({ data: { _id: 'b', balance: 5 } });
    await t.rollback();
    expect(store.find('accounts')).toEqual([{ _id: 'a', balance: 100 }]);
  });

  it('runTransaction retries when a document it read changes before commit (文档: 事务冲突重试)', async () => {
    const { db, store, _ } = makeCloud();
    store.insert('counters', [{ _id: 'c', n: 0 }]);
    let attempts = 0;
    await db.runTransaction(async (t: PromiseDb) => {
      attempts += 1;
      const { data } = await t.collection('counters').doc('c').get();
      if (attempts === 1)
        await db
          .collection('counters')
          .doc('c')
          .update({ data: { n: _.inc(10) } });
      await t
        .collection('counters')
        .doc('c')
        .update({ data: { n: data.n + 1 } });
    });
    expect(attempts).toBe(2);
    expect(store.findById('counters', 'c')?.n).toBe(11);
  });

  it('an add racing another transaction that stored the same _id first fails with E11000, not a retry', async () => {
    const { db, store } = makeCloud();
    let attempts = 0;
    const add = (amount: number, pause?: Promise<void>) =>
      db.runTransaction(async (t: PromiseDb) => {
        attempts += 1;
        await t.collection('ledger').add({ data: { _id: 'l1', amount } });
        await pause;
      });
    let release!: () => void;
    const slow = add(1, new Promise<void>((r) => (release = r)));
    await add(2);
    release();
    const error = await rejectionOf(slow);
    expect(error.message).toContain('E11000 duplicate key');
    expect(attempts).toBe(2); // each ran once: the loser was not retried
    expect(store.find('ledger')).toEqual([{ _id: 'l1', amount: 2 }]);
  });

  it('a set() creating a document another transaction created meanwhile is a conflict, retried', async () => {
    const { db, store, _ } = makeCloud();
    let attempts = 0;
    const bump = (pause?: Promise<void>) =>
      db.runTransaction(async (t: PromiseDb) => {
        attempts += 1;
        const found = await t
          .collection('counters')
          .doc('c')
          .get()
          .catch(() => null);
        const counter = t.collection('counters').doc('c');
        if (found?.data) await counter.update({ data: { n: _.inc(1) } });
        else await counter.set({ data: { n: 1 } });
        await pause;
      });
    let release!: () => void;
    const slow = bump(new Promise<void>((r) => (release = r)));
    await bump();
    release();
    await slow;
    expect(attempts).toBe(3); // the slow one ran again and found the counter
    expect(store.findById('counters', 'c')).toEqual({ _id: 'c', n: 2 });
  });

  it('a transaction refuses a where() query (文档: 事务仅支持单文档操作)', async () => {
    const { db, store } = makeCloud();
    seed(store, 'items', 3);
    const t = await db.startTransaction();
    const error = await rejectionOf(t.collection('items').where({ n: 1 }).get());
    await t.rollback();
    expect(error.message).toContain('single-document');
  });
});
