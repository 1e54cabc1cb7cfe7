/**
 * 知识库 (issue 16, kb): an admin writes articles (title, body, tags, issue types) as drafts and
 * publishes them; published articles are agents' quick replies in the workspace (searched by
 * words). Tapping an article loads it into the form to edit; drafts made from a knowledge gap
 * arrive here prefilled with the customers' questions. Every change is audited by the api.
 */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ArticleStatus, KbArticle } from '@core/kb/kb.model';
import { ISSUE_TYPES, ISSUE_TYPE_NAMES } from '@core/text/issue-type.labels';
import { EmptyState, ErrorBanner, Loading } from '../../../components/page-state';
import TextField from '../../../components/text-field';
import { useAction } from '../../../hooks/use-action';
import { useRemote } from '../../../hooks/use-remote';
import { errorMessage } from '../../../services/api.error';
import { listArticles, removeArticle, saveArticle } from '../../../services/kb';
import { KB_GAPS_PAGE } from '../../../utils/routes';
import { splitTags } from '../../../utils/tags';
import './index.scss';

const STATUS_NAMES: Record<ArticleStatus, string> = { draft: '草稿', published: '已发布' };

interface Form {
  articleId?: string;
  title: string;
  body: string;
  tags: string;
  issueTypes: string[];
}

const EMPTY: Form = { title: '', body: '', tags: '', issueTypes: [] };

export default function KnowledgeSettings() {
  const list = useRemote(() => listArticles(), []);
  const [form, setForm] = useState<Form>(EMPTY);
  const [message, setMessage] = useState<string | null>(null);
  const onError = (e: unknown) => void Taro.showToast({ title: errorMessage(e), icon: 'none' });
  const save = useAction(
    (status: ArticleStatus) =>
      saveArticle({
        ...(form.articleId ? { articleId: form.articleId } : {}),
        title: form.title.trim(),
        body: form.body.trim(),
        tags: splitTags(form.tags),
        issueTypes: form.issueTypes,
        status,
      }),
    {
      onDone: async ({ article }) => {
        setForm(EMPTY);
        setMessage(`已保存「${article.title}」（${STATUS_NAMES[article.status]}）`);
        await list.reload();
      },
      onError,
    },
  );
  const remove = useAction((id: string) => removeArticle(id), { onDone: () => list.reload(), onError });
  const edit = (a: KbArticle) =>
    setForm({ articleId: a._id, title: a.title, body: a.body, tags: a.tags.join('，'), issueTypes: a.issueTypes });
  const toggleType = (t: string) =>
    setForm((f) => ({
      ...f,
      issueTypes: f.issueTypes.includes(t) ? f.issueTypes.filter((x) => x !== t) : [...f.issueTypes, t],
    }));

  const items = list.data?.items ?? [];
  const ready = form.title.trim() && form.body.trim();
  return (
    <View className='settings'>
      <View className='settings__card'>
        <Text className='settings__title'>知识库文章</Text>
        <Text className='settings__hint'>已发布的文章会作为坐席工作台的快捷回复，可按关键词搜索。</Text>
        <Text className='settings__link' onClick={() => void Taro.navigateTo({ url: KB_GAPS_PAGE })}>
          查看知识缺口 ›
        </Text>
        <ErrorBanner message={list.error} />
        {!list.loaded ? (
          <Loading />
        ) : items.length === 0 ? (
          <EmptyState block='kb-list' text='还没有文章' />
        ) : (
          <View className='kb-list'>
            {items.map((a) => (
              <View key={a._id} className='settings__row kb-list__item' data-article-id={a._id}>
                <View className='settings__grow' onClick={() => edit(a)}>
                  <Text>{a.title}</Text>
                  <Text className='settings__hint'>
                    {STATUS_NAMES[a.status]}
                    {a.tags.length ? ` · ${a.tags.join('、')}` : ''}
                    {a.fromGap ? ' · 来自知识缺口' : ''}
                  </Text>
                </View>
                <Text className='settings__button settings__button--danger' onClick={() => void remove.run(a._id)}>
                  删除
                </Text>
              </View>
            ))}
          </View>
        )}
      </View>
      <View className='settings__card kb-form'>
        <Text className='settings__title'>{form.articleId ? '编辑文章' : '新文章'}</Text>
        <Text className='settings__label'>标题</Text>
        <TextField
          className='settings__input'
          value={form.title}
          maxlength={60}
          placeholder='如：退款多久到账'
          onChange={(title) => setForm({ ...form, title })}
        />
        <Text className='settings__label'>正文（坐席点选后填入回复框）</Text>
        <TextField
          className='settings__input kb-form__body'
          value={form.body}
          maxlength={2000}
          placeholder='标准答复'
          multiline
          onChange={(body) => setForm({ ...form, body })}
        />
        <Text className='settings__label'>标签（逗号分隔）</Text>
        <TextField
          className='settings__input'
          value={form.tags}
          placeholder='如：退款，到账'
          onChange={(tags) => setForm({ ...form, tags })}
        />
        <Text className='settings__label'>问题类型（不选 = 全部）</Text>
        <View className='settings__chips'>
          {ISSUE_TYPES.map((t) => (
            <Text
              key={t}
              className={`settings__chip${form.issueTypes.includes(t) ? ' settings__chip--on' : ''}`}
              onClick={() => toggleType(t)}
            >
              {ISSUE_TYPE_NAMES[t]}
            </Text>
          ))}
        </View>
        {message ? <Text className='settings__ok'>{message}</Text> : null}
        <View className='settings__chips'>
          <Text className='settings__button settings__button--plain' onClick={() => void (ready && save.run('draft'))}>
            存为草稿
          </Text>
          <Text className='settings__button' onClick={() => void (ready && save.run('published'))}>
            发布
          </Text>
          {form.articleId ? (
            <Text className='settings__button settings__button--plain' onClick={() => setForm(EMPTY)}>
              取消编辑
            </Text>
          ) : null}
        </View>
      </View>
    </View>
  );
}
